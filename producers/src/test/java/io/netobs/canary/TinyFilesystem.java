package io.netobs.canary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, tiny filesystem (tmpfs of a few hundred KiB) for disk-full tests: writes into it fail with
 * ENOSPC exactly as on a full disk. Mounting needs root (CI runs as root); elsewhere the test is skipped.
 */
public final class TinyFilesystem implements AutoCloseable {
    private final Path mountPoint;

    private TinyFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code kib} KiB on {@code mountPoint}, or skips the calling test when it cannot. */
    public static TinyFilesystem mount(Path mountPoint, int kib) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", mountPoint.toString());
        Assumptions.assumeTrue(out == null, "cannot mount a tmpfs for the disk-full test (needs root): " + out);
        return new TinyFilesystem(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Fills the filesystem up to about {@code leaveKib} KiB free with a file; returns it (delete it to free space). */
    public Path fill(int leaveKib) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        long size = Math.max(0, free - leaveKib * 1024L);
        Files.write(filler, new byte[(int) size]);
        return filler;
    }

    /** Null on success, else the command's output. */
    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out.trim();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String out = run("umount", "-l", mountPoint.toString());
        if (out != null) {
            throw new IOException("cannot unmount " + mountPoint + ": " + out);
        }
    }
}

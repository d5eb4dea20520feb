package io.netobs.infra.stack;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the stack's command-line checkers (promtool, amtool, docker-compose). A missing tool skips the test through an
 * assumption, so a machine without them reports the checks as skipped instead of passing them silently.
 */
final class Tool {
    /** A safety net against a hung process, not a performance expectation. */
    private static final long MAX_WAIT_MINUTES = 5;

    record Result(List<String> command, int exitCode, String output) {
        String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
        }
    }

    private Tool() {
    }

    static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    static void assumeInstalled(String name) {
        Assumptions.assumeTrue(onPath(name), name + " is not installed (Debian: "
                + (name.equals("amtool") ? "prometheus-alertmanager" : name.equals("promtool") ? "prometheus" : "docker-compose")
                + "); check skipped");
    }

    /** Runs the command in {@code workDir} with stdout and stderr merged. */
    static Result run(Path workDir, String... command) {
        List<String> cmd = List.of(command);
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).directory(workDir.toFile()).redirectErrorStream(true);
            Path out = Files.createTempFile("netobs-tool", ".out");
            try {
                pb.redirectOutput(out.toFile());
                Process process = pb.start();
                if (!process.waitFor(MAX_WAIT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish within " + MAX_WAIT_MINUTES + " minutes");
                }
                return new Result(cmd, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + cmd, e);
        }
    }
}

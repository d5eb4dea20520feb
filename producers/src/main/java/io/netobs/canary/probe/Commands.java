package io.netobs.canary.probe;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs the external tools (fping, traceroute, mtr) with a hard deadline. */
public final class Commands {
    private Commands() {
    }

    /** What a finished (or killed) command left behind. */
    public record Output(int exitCode, String stdout, String stderr, boolean timedOut) {
    }

    /**
     * Runs {@code cmd} and waits at most {@code timeout}; a command still running then is killed and
     * reported as timed out. Output goes to temporary files rather than pipes so a chatty tool can
     * never block on a full pipe buffer while we wait for it.
     */
    public static Output run(List<String> cmd, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("netobs-probe", ".out");
        Path err = Files.createTempFile("netobs-probe", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean done = p.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly();
                p.waitFor(2, TimeUnit.SECONDS);
            }
            return new Output(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), !done);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The executable a tool name resolves to on PATH (or the path itself), if it exists. */
    public static Optional<Path> locate(String tool) {
        if (tool.contains("/")) {
            Path p = Path.of(tool);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        // Debian puts traceroute in /usr/sbin, which a non-root PATH often lacks.
        for (String dir : (path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, tool);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}

package io.netobs.observability;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian package prometheus) on a scrape: the check every component's
 * {@code /metrics} test makes. Shared through this module's test-jar.
 */
public final class Promtool {
    /** promtool's exit code when the text parses but lint finds problems. */
    public static final int LINT_PROBLEMS = 3;

    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    public static boolean available() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "promtool")));
    }

    public static Result checkMetrics(String scrape) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(scrape.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool did not finish within 60 s");
        }
        return new Result(p.exitValue(), out);
    }

    /** Output lines about families not starting with one of {@code ignored} (each line starts with the family name). */
    public static List<String> problemsOutside(String output, List<String> ignored) {
        return output.lines()
                .filter(l -> !l.isBlank())
                .filter(l -> ignored.stream().noneMatch(l::startsWith))
                .toList();
    }
}

package io.netobs.canary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code promtool check metrics} (from the Prometheus package) on a scrape of the agent. */
final class Promtool {
    /** Families the agent did not name: micrometer's JVM and process binders, if ever bound. */
    static final List<String> THIRD_PARTY_PREFIXES = List.of("jvm_", "process_", "system_");

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static boolean available() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "promtool")));
    }

    static Result checkMetrics(String scrape) throws IOException, InterruptedException {
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

    /** Output lines about the agent's own families (each line starts with the family name). */
    static List<String> problemsOutsideThirdParty(String output) {
        return output.lines()
                .filter(l -> !l.isBlank())
                .filter(l -> THIRD_PARTY_PREFIXES.stream().noneMatch(l::startsWith))
                .toList();
    }
}

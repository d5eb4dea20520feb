package io.netobs.streams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code promtool check metrics} (from the Prometheus package) on a scrape. */
final class Promtool {
    /** Families we did not name: micrometer's Kafka client, JVM, process and system binders. */
    static final List<String> THIRD_PARTY_PREFIXES = List.of("kafka_", "jvm_", "process_", "system_");
    /** The seed's families, whose names (e.g. the "ms" unit) must not change so its queries keep working. */
    static final List<String> SEED_FAMILIES = List.of("canary_latency_ms ", "dns_resolve_time_ms ",
            "ping_packet_loss_percent ", "http_status_code ", "http_response_size_bytes ", "http_content_match_status ",
            "canary_status_total ");
    /** promtool's exit code when the text parses but lint finds problems. */
    static final int LINT_PROBLEMS = 3;

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

    /** Output lines about families other than the third-party and seed ones (each starts with the family name). */
    static List<String> problemsOutsideThirdParty(String output) {
        return output.lines()
                .filter(l -> !l.isBlank())
                .filter(l -> THIRD_PARTY_PREFIXES.stream().noneMatch(l::startsWith))
                .filter(l -> SEED_FAMILIES.stream().noneMatch(l::startsWith))
                .toList();
    }
}

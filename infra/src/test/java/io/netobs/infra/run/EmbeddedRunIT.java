package io.netobs.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded runner, offline, on free loopback ports: it comes up, serves canary metrics, and resumes. */
class EmbeddedRunIT {
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void runsOfflineServesCanaryMetricsAndResumesFromItsWorkDir() throws Exception {
        Map<String, String> env = RunPorts.offlineEnv();
        // No NETOBS_AGENT_CONFIG: the runner's default infra/config/agent.yml, whose targets follow the
        // ports above through ${NETOBS_HTTP_PORT} and ${NETOBS_OFFLINE_DNS_PORT}, spooling into the work dir.

        String clusterId;
        double countedBefore;
        long t0 = System.nanoTime();
        try (EmbeddedRun run = EmbeddedRun.start(workDir, env)) {
            assertThat(run.bootstrapServers()).isEqualTo("127.0.0.1:" + env.get("NETOBS_EMBEDDED_KAFKA_PORT"));
            awaitBody(run.streamsHttpPort(), "/health", 200, b -> true);
            System.out.printf("embedded run: streams /health 200 after %d ms%n", elapsedMs(t0));
            awaitBody(run.agentHttpPort(), "/health", 200, b -> true);
            awaitBody(run.ingestHttpPort(), "/health", 200, b -> true);
            // The default HTTP canary probes this run's own /health on its free port: a SUCCESS there shows the
            // agent config followed NETOBS_HTTP_PORT end to end (probe, topic, aggregation, scrape).
            String httpSuccess = "status=\"SUCCESS\",target=\"http://127.0.0.1:" + run.streamsHttpPort() + "/health\",type=\"http\"}";
            String metrics = awaitBody(run.streamsHttpPort(), "/metrics", 200, b -> b.contains(httpSuccess));
            System.out.printf("embedded run: the HTTP canary's SUCCESS served after %d ms%n", elapsedMs(t0));
            countedBefore = sum(metrics, "canary_status_total{");
            assertThat(countedBefore).isPositive();
            clusterId = clusterId(run);
        }

        long t1 = System.nanoTime();
        try (EmbeddedRun run = EmbeddedRun.start(workDir, env)) {
            assertThat(clusterId(run)).isEqualTo(clusterId);
            awaitBody(run.streamsHttpPort(), "/health", 200, b -> true);
            System.out.printf("embedded run: restarted, streams /health 200 after %d ms%n", elapsedMs(t1));
            // Cumulative counters live in changelogged state stores: the restart must not reset them.
            String metrics = awaitBody(run.streamsHttpPort(), "/metrics", 200, b -> b.contains("canary_status_total{"));
            assertThat(sum(metrics, "canary_status_total{")).isGreaterThanOrEqualTo(countedBefore);
        }
    }

    /** Polls until the path answers {@code status} with a body the predicate accepts; fails at the deadline. */
    private String awaitBody(int port, String path, int status, Predicate<String> accept) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            Optional<HttpResponse<String>> r = get(uri);
            if (r.isPresent()) {
                last = r.get().statusCode() + " " + abbreviate(r.get().body());
                if (r.get().statusCode() == status && accept.test(r.get().body())) {
                    return r.get().body();
                }
            }
            TimeUnit.MILLISECONDS.sleep(250); // poll interval, not a wait for a result
        }
        throw new AssertionError("GET " + uri + " did not answer " + status + " with the expected body within "
                + DEADLINE + "; last: " + last);
    }

    private Optional<HttpResponse<String>> get(URI uri) throws InterruptedException {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static double sum(String metrics, String seriesPrefix) {
        return metrics.lines().filter(l -> l.startsWith(seriesPrefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String clusterId(EmbeddedRun run) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}

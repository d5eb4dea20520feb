package io.netobs.infra.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.netobs.infra.fixture.PipelineFixture;
import io.netobs.infra.fixture.SharedPipeline;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The embedded runner, offline, on free loopback ports (the JVM's shared {@link PipelineFixture}): it comes up, serves
 * canary metrics, and a restart on the same work directory resumes its broker and state.
 */
@ExtendWith(SharedPipeline.class)
class EmbeddedRunIT {
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * A replayed archive's records carry BGP time from years ago: the BGP topics keep them by the time the broker
     * received them, so time retention does not delete a replay minutes after it ran.
     */
    @Test
    void keepsReplayedBgpRecordsByTheirArrivalTimeNotTheirBgpTime(PipelineFixture run) throws Exception {
        long before = System.currentTimeMillis();
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", run.bootstrapServers());
        long bgpTime = java.time.Instant.parse("2015-04-01T00:00:00Z").toEpochMilli();
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(p,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            // An update of a prefix nobody monitors (TEST-NET-1): the streams app drops it, nothing else changes.
            byte[] update = io.netobs.schema.PayloadSerdes.BGP_UPDATE.serialize(io.netobs.schema.Topics.BGP_UPDATES,
                    new io.netobs.schema.BgpUpdate(1, bgpTime, "rrc00", "ris", "192.0.2.1", 64500,
                            io.netobs.schema.BgpUpdate.Kind.ANNOUNCE, "192.0.2.0/24", java.util.List.of(64500L), null,
                            java.util.List.of(64500L), null, null, "test"));
            var meta = producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    io.netobs.schema.Topics.BGP_UPDATES, null, bgpTime, null, update)).get();
            assertThat(meta.timestamp()).as("the log's time of a record stamped 2015").isGreaterThanOrEqualTo(before);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", run.bootstrapServers()))) {
            for (String topic : java.util.List.of(io.netobs.schema.Topics.BGP_UPDATES, io.netobs.schema.Topics.BGP_EVENTS)) {
                var resource = new org.apache.kafka.common.config.ConfigResource(
                        org.apache.kafka.common.config.ConfigResource.Type.TOPIC, topic);
                var config = admin.describeConfigs(java.util.List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
                assertThat(config.get("message.timestamp.type").value()).as(topic).isEqualTo("LogAppendTime");
            }
        }
    }

    @Test
    void runsOfflineServesCanaryMetricsAndResumesFromItsWorkDir(PipelineFixture run) throws Exception {
        Map<String, String> env = run.env();
        // The fixture's agent configuration is the runner's default infra/config/agent.yml (targets following the
        // ports above through ${NETOBS_HTTP_PORT} and ${NETOBS_OFFLINE_DNS_PORT}) plus the fixture's own targets.
        long t0 = System.nanoTime();
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
        double countedBefore = sum(metrics, "canary_status_total{");
        assertThat(countedBefore).isPositive();
        String clusterId = clusterId(run.bootstrapServers());

        long t1 = System.nanoTime();
        run.restart();
        assertThat(clusterId(run.bootstrapServers())).isEqualTo(clusterId);
        awaitBody(run.streamsHttpPort(), "/health", 200, b -> true);
        System.out.printf("embedded run: restarted, streams /health 200 after %d ms%n", elapsedMs(t1));
        // Cumulative counters live in changelogged state stores: the restart must not reset them.
        metrics = awaitBody(run.streamsHttpPort(), "/metrics", 200, b -> b.contains("canary_status_total{"));
        assertThat(sum(metrics, "canary_status_total{")).isGreaterThanOrEqualTo(countedBefore);
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

    private static String clusterId(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
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

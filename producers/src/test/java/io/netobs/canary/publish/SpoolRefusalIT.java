package io.netobs.canary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.canary.Agent;
import io.netobs.canary.AgentMain;
import io.netobs.canary.AgentMetrics;
import io.netobs.canary.LoopbackHttpServer;
import io.netobs.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker that refuses some records for good (a timestamp a day ahead on a topic accepting at
 * most one minute ahead; records over the topic's 4 KiB limit; one over the producer's own limit), sent
 * in the same batches as good ones: each refused record is set aside and counted, and every other
 * record, before and after it, is delivered exactly once.
 */
class SpoolRefusalIT {
    private static final String TOPIC = "refusal-it";
    @TempDir
    static Path tmp;
    static EmbeddedKafka broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1).configs(Map.of(
                    "message.timestamp.after.max.ms", "60000", "max.message.bytes", "4096")))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        broker.stop();
    }

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not in 30 s: %s", what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void shouldSetAsideWhatTheBrokerRefusesAndDeliverEveryOtherRecordOnce() throws Exception {
        long now = System.currentTimeMillis();
        Map<Long, String> bad = Map.of(20L, "invalid_timestamp", 40L, "too_large", 60L, "too_large");
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", broker.bootstrapServers());
        client.setProperty("batch.size", "2048"); // several records per batch, under the topic's 4 KiB limit
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AgentMetrics metrics = new AgentMetrics(registry);
        try (Spool spool = Spool.open(tmp.resolve("spool"), 64 << 20)) {
            SpoolSender sender = new SpoolSender(spool, TOPIC, SpoolProducers.kafka(client), metrics::published, 2000);
            metrics.bindSender(sender);
            sender.start();
            try {
                for (long i = 0; i < 80; i++) {
                    String value = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}";
                    long ts = now + i;
                    if (i == 20) {
                        ts = now + Duration.ofDays(1).toMillis();
                    } else if (i == 40) {
                        value = "{\"pad\":\"" + "x".repeat(6000) + "\"}";       // over the topic's max.message.bytes
                    } else if (i == 60) {
                        value = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";  // over the producer's max.request.size
                    }
                    assertThat(spool.append("t" + (i % 4), ts, value.getBytes(StandardCharsets.UTF_8))).isTrue();
                }
                await("every record resolved", () -> spool.depth() == 0);
            } finally {
                sender.close();
            }
            assertThat(spool.committed()).isEqualTo(79);
            assertThat(sender.refused()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("too_large", 2L, "invalid_timestamp", 1L, "invalid_record", 0L, "other", 0L));
            assertThat(sender.lastRefused()).containsPattern("result (40|60) for t0: too_large");
            List<String> lines = Files.readAllLines(sender.refusedFile());
            Map<Long, String> refused = new HashMap<>();
            for (String l : lines) {
                Map<?, ?> m = new ObjectMapper().readValue(l, Map.class); // no 64K string cap: a refused value can be huge
                refused.put(((Number) m.get("seq")).longValue(), (String) m.get("reason"));
                assertThat((String) m.get("error")).isNotBlank();
                assertThat((String) m.get("value")).startsWith("{");
            }
            assertThat(refused).isEqualTo(bad);
            String scrape = registry.scrape();
            assertThat(scrape).contains("netobs_agent_results_refused_total{reason=\"too_large\"} 2.0",
                    "netobs_agent_results_refused_total{reason=\"invalid_timestamp\"} 1.0",
                    "netobs_agent_results_published_total 77.0");
        }

        Map<Long, Integer> copies = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : consume(77)) {
            long seq = Long.parseLong(new String(r.headers().lastHeader(SpoolSender.SEQ_HEADER).value(), StandardCharsets.US_ASCII));
            copies.merge(seq, 1, Integer::sum);
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"n\":" + seq + ",");
            assertThat(r.timestamp()).isEqualTo(now + seq);
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 80; i++) {
            if (!bad.containsKey(i)) {
                expected.add(i);
            }
        }
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(copies.values()).allMatch(n -> n == 1);
    }

    @Test
    void shouldReportRefusalsInHealthAndMetricsWhileTheAgentKeepsDelivering() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("tiny-it", 1, (short) 1).configs(Map.of("max.message.bytes", "1500"))))
                    .all().get();
        }
        try (LoopbackHttpServer http = LoopbackHttpServer.http()) {
            String longTarget = http.url("/text?" + "p".repeat(900)); // key + value: its results cannot fit in 1500 bytes
            Path yaml = Files.writeString(tmp.resolve("agent.yml"), String.join("\n", "canary_id: refusal-it", "topic: tiny-it",
                    "spool: {dir: \"" + tmp.resolve("agent-spool") + "\"}", "probes:",
                    "  - type: http", "    interval: 100ms", "    timeout: 80ms",
                    "    targets: [\"" + http.url("/text") + "\", \"" + longTarget + "\"]", ""));
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", broker.bootstrapServers());
            try (Agent agent = AgentMain.launch(client, Map.of("NETOBS_AGENT_CONFIG", yaml.toString(),
                    "NETOBS_AGENT_HTTP_PORT", "0", "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"))) {
                await("first refusals", () -> agent.sender().refused().get("too_large") >= 3);
                double published = published(agent);
                await("later results delivered behind the refused ones", () -> published(agent) >= published + 5
                        && agent.sender().refused().get("too_large") >= 6);
                HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + agent.httpPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200); // refused results are set aside, not a reason to be down
                assertThat(health.body()).contains("\"status\":\"UP\"", "\"results_refused\":{\"too_large\":",
                        "\"last_refused\":", "too_large", Refusals.FILE);
                String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + agent.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).doesNotContain("netobs_agent_results_refused_total{reason=\"too_large\"} 0.0")
                        .contains("netobs_agent_results_refused_total{reason=\"other\"} 0.0");
                assertThat(Files.readString(agent.sender().refusedFile())).contains(longTarget);
            }
        }
    }

    private static double published(Agent agent) {
        return agent.metrics().registry().get("netobs.agent.results.published").counter().count();
    }

    static List<ConsumerRecord<String, byte[]>> consume(int expected) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", broker.bootstrapServers());
        p.setProperty("isolation.level", "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        assertThat(out).hasSize(expected);
        return out;
    }
}

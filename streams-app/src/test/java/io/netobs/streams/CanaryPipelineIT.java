package io.netobs.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.observability.Promtool;
import io.netobs.schema.DeadLetters;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.Results;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streams app end to end on a real KRaft broker, exactly-once: 10,000 results for 100 targets,
 * half keyed, half without key as the seed sends them. Result j of each target is observed at
 * T0 + j s (j = 0..99), so with 10 s windows every target has ten windows of 10 results: nine close
 * by stream time as later results arrive, the last one by the wall clock once the input goes quiet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CanaryPipelineIT {
    /** Five minutes ago, on a window boundary: recent enough to lie within the retention. */
    static final Instant T0 = Instant.ofEpochSecond((System.currentTimeMillis() / 1000 - 300) / 10 * 10);
    static final int TARGETS = 100;
    static final int PER_TARGET = 100;
    static final Duration WAIT = Duration.ofSeconds(120);
    static final String[] STATUSES = {"SUCCESS", "SUCCESS", "SUCCESS", "FAILURE", "TIMEOUT"};

    @TempDir
    static Path dir;
    EmbeddedKafka broker;
    AutoCloseable app;
    int port;
    Map<String, String> env;

    @BeforeAll
    void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        broker.createTopics(Map.of(Topics.CANARY_RESULTS, 4, Topics.CANARY_AGGREGATES, 4, Topics.DEAD_LETTERS, 1,
                Topics.BGP_UPDATES, 4, Topics.BGP_EVENTS, 4));
        port = freePort();
        env = new HashMap<>(Map.of("NETOBS_HTTP_PORT", Integer.toString(port),
                "NETOBS_APPLICATION_SERVER", "127.0.0.1:" + port,
                "NETOBS_APPLICATION_ID", "netobs-it",
                "NETOBS_STATE_DIR", dir.resolve("state-1").toString(),
                "NETOBS_WINDOW_SIZE", "PT10S", "NETOBS_WINDOW_GRACE", "PT5S",
                "NETOBS_IDLE_CLOSE_AFTER", "PT5S", "NETOBS_HTTP_HOST", "127.0.0.1"));
        app = launch();
        publish();
    }

    @AfterAll
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private AutoCloseable launch() throws Exception {
        return StreamsMain.launch(clientProps(), AppConfig.fromEnv(env, java.util.Optional.empty()),
                why -> { throw new AssertionError("the streams client failed: " + why); });
    }

    private Properties clientProps() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    /**
     * Publishes ten waves, one 10-second window of event time each, and waits for each wave to be
     * counted before the next: results arrive in roughly event-time order, as from live agents. A
     * bulk load of all 100 s at once would make the repartitioned half arrive behind stream time
     * (already advanced by the keyed half) and be counted late, correctly, but not what this test
     * is about.
     */
    private void publish() throws InterruptedException {
        Properties p = clientProps();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int wave = 0; wave < PER_TARGET / 10; wave++) {
                for (int j = wave * 10; j < wave * 10 + 10; j++) {
                    for (int t = 0; t < TARGETS; t++) {
                        String target = String.format("t%03d.example", t);
                        String json = Results.ping("c" + (t % 3), target, STATUSES[j % STATUSES.length],
                                STATUSES[j % 5].equals("TIMEOUT") ? null : 10.0 + j, 0.0, T0.plusSeconds(j));
                        // half keyed by target, half without key as the seed's producers send them
                        producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, j % 2 == 0 ? target : null,
                                json.getBytes(StandardCharsets.UTF_8)));
                    }
                }
                producer.flush();
                long expected = (wave + 1L) * 10 * TARGETS;
                Scrapes.awaitPage(metricsUrl(), WAIT, s -> Scrapes.sum(s, "canary_status_total") == expected);
            }
            producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, "not json".getBytes(StandardCharsets.UTF_8)));
            producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, "t000.example",
                    "{\"type\": \"ping\", \"target\": \"t000.example\", \"status\": \"SUCCESS\"}".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    private String metricsUrl() {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** Every result counted and every target's last window (the tenth, closed by the wall clock) published. */
    private static boolean complete(String text) {
        return Scrapes.sum(text, "canary_status_total") == TARGETS * PER_TARGET
                && Scrapes.sum(text, "netobs_target_window_end_timestamp_seconds")
                        == TARGETS * (double) T0.plusSeconds(100).getEpochSecond();
    }

    @Test
    @Order(1)
    void shouldCountEveryResultExactlyOnce() throws Exception {
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        assertThat(Scrapes.sum(text, "canary_status_total")).isEqualTo(10_000);
        assertThat(Scrapes.sum(text, "canary_status_total", "status=\"SUCCESS\"")).isEqualTo(6_000);
        assertThat(Scrapes.sum(text, "canary_status_total", "status=\"TIMEOUT\"")).isEqualTo(2_000);
        assertThat(Scrapes.sum(text, "canary_status_total", "target=\"t042.example\"")).isEqualTo(100);
    }

    @Test
    @Order(2)
    void shouldExportTheLatestClosedWindowOfEveryTarget() throws Exception {
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        double end = T0.plusSeconds(100).getEpochSecond();
        for (int t = 0; t < TARGETS; t++) {
            String target = "target=\"" + String.format("t%03d.example", t) + "\"";
            assertThat(Scrapes.sum(text, "netobs_target_window_results", target)).as(target).isEqualTo(10);
            assertThat(Scrapes.sum(text, "netobs_target_window_end_timestamp_seconds", target)).isEqualTo(end);
        }
        assertThat(Scrapes.sum(text, "netobs_canary_late_records_total")).isZero();
    }

    @Test
    @Order(3)
    void shouldPublishEveryClosedWindowOnceWithMatchingCounts() throws Exception {
        Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        List<ConsumerRecord<String, byte[]>> records = readAll(Topics.CANARY_AGGREGATES, TARGETS * 10 * 2);
        long perTargetTotal = 0;
        long perCanaryTotal = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            var a = PayloadSerdes.CANARY_AGGREGATE.deserialize(r.topic(), r.value());
            if (a.canaryId() == null) {
                perTargetTotal += a.count();
            } else {
                perCanaryTotal += a.count();
            }
        }
        assertThat(records).hasSize(TARGETS * 10 * 2); // 10 closed windows, per canary + per target
        assertThat(perTargetTotal).isEqualTo(10_000);
        assertThat(perCanaryTotal).isEqualTo(10_000);
    }

    @Test
    @Order(4)
    void shouldDeadLetterMalformedInputUnderExactlyOnce() throws Exception {
        List<ConsumerRecord<String, byte[]>> dead = readAll(Topics.DEAD_LETTERS, 2);
        // Each record with its own reason. The two came from different input partitions, which stream threads
        // process independently, so their order on netobs-dead-letters is not given.
        Map<String, String> reasonByValue = new HashMap<>();
        dead.forEach(r -> reasonByValue.put(new String(r.value(), StandardCharsets.UTF_8),
                DeadLetters.header(r.headers(), DeadLetters.REASON)));
        assertThat(reasonByValue).hasSize(2);
        assertThat(reasonByValue.get("not json")).startsWith("not_json: ");
        assertThat(reasonByValue.get("{\"type\": \"ping\", \"target\": \"t000.example\", \"status\": \"SUCCESS\"}"))
                .startsWith("invalid_schema: ");
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, s -> Scrapes.sum(s, "netobs_dead_letters_total") == 2);
        assertThat(text).contains("netobs_dead_letters_total{reason=\"not_json\",topic=\"canary-results\"} 1.0");
    }

    @Test
    @Order(5)
    void shouldPassPromtoolCheckMetrics() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Promtool.available(), "promtool is not on PATH");
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        Promtool.Result r = Promtool.checkMetrics(text);
        // 0: clean; 3: parsed, lint problems (checked below); anything else: the text did not parse
        assertThat(r.exitCode()).as(r.output()).isIn(0, Promtool.LINT_PROBLEMS);
        assertThat(Promtool.problemsOutside(r.output(), StreamsFamilies.NOT_OURS)).as(r.output()).isEmpty();
    }

    @Test
    @Order(6)
    void shouldResumeFromTheLocalStateAfterACleanStop() throws Exception {
        app.close();
        app = null;
        // Every canary task keeps the history store's changelog offset through a clean stop, also a task whose
        // window store has no segment (Kafka Streams 4.3 keeps a segmented store's offset in its segments; a task
        // without one would be wiped and restored at every start under exactly-once): CheckpointFileWindowStore.
        try (var tasks = java.nio.file.Files.list(dir.resolve("state-1").resolve("netobs-it"))) {
            List<Path> canaryTasks = tasks.filter(t -> t.getFileName().toString().startsWith("0_")).toList();
            assertThat(canaryTasks).hasSize(4).allSatisfy(t -> assertThat(t.resolve(".checkpoint_" + CanaryNames.STORE_HISTORY))
                    .as("history store offset of task " + t.getFileName()).isNotEmptyFile());
        }
        app = launch();
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        assertThat(Scrapes.sum(text, "canary_status_total")).isEqualTo(10_000);
        assertThat(Scrapes.sum(text, "netobs_dead_letters_total")).as("dead-letter counts survive").isEqualTo(2);
        // The stores kept their committed offsets: nothing came back from the changelogs.
        assertThat(Scrapes.sum(text, "netobs_state_restored_records_total")).isZero();
    }

    @Test
    @Order(7)
    void shouldRestoreTheTotalsFromTheChangelogIntoAnEmptyStateDirectory() throws Exception {
        app.close();
        app = null;
        // A fresh state directory: the stores can only come back from their changelog topics.
        env.put("NETOBS_STATE_DIR", dir.resolve("state-2").toString());
        app = launch();
        String text = Scrapes.awaitPage(metricsUrl(), WAIT, CanaryPipelineIT::complete);
        assertThat(Scrapes.sum(text, "canary_status_total")).isEqualTo(10_000);
        assertThat(Scrapes.sum(text, "netobs_target_window_results")).isEqualTo(1_000);
        assertThat(Scrapes.sum(text, "netobs_dead_letters_total")).isEqualTo(2);
        assertThat(Scrapes.sum(text, "netobs_state_restored_records_total")).as("restored from the changelogs")
                .isPositive();
        assertThat(Scrapes.get("http://127.0.0.1:" + port + "/health").statusCode()).isEqualTo(200);
        var one = Scrapes.get("http://127.0.0.1:" + port + "/api/targets/t042.example");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(one.body()).contains("\"window_end_ms\":" + T0.plusSeconds(100).toEpochMilli());
        var history = Scrapes.get("http://127.0.0.1:" + port + "/api/history/t042.example");
        assertThat(history.statusCode()).isEqualTo(200);
        assertThat(history.body().split("\"window_start_ms\"", -1)).as("10 windows, per canary and per target")
                .hasSize(10 * 2 + 1);
    }

    private List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        Properties p = clientProps();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + topic + "-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(WAIT);
            while (Instant.now().isBefore(deadline) && out.size() < expected) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // and nothing more than expected: one more poll must stay empty
            c.poll(Duration.ofSeconds(2)).forEach(out::add);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

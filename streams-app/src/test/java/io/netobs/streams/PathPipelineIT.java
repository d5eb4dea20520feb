package io.netobs.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.probe.AgentTraceroute;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.observability.Promtool;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PathEvent;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
 * The path analysis in the real application on a real KRaft broker, exactly-once: a traceroute flap
 * (A, B, A, as the agent publishes the recorded runs) gives one committed OPEN and one CLOSED record on
 * path-events, and /metrics serves the path families, promtool-clean.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PathPipelineIT {
    static final Instant T0 = Instant.ofEpochSecond((System.currentTimeMillis() / 1000 - 600) / 60 * 60);
    static final String TARGET = "198.51.100.20";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String SERIES = "{canary_id=\"tr-it\",target=\"" + TARGET + "\"}";

    @TempDir
    static Path dir;
    EmbeddedKafka broker;
    AutoCloseable app;
    int port;

    @BeforeAll
    void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        broker.createTopics(Map.of(Topics.CANARY_RESULTS, 2, Topics.CANARY_AGGREGATES, 2, Topics.PATH_EVENTS, 2,
                Topics.DEAD_LETTERS, 1));
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("NETOBS_HTTP_PORT", Integer.toString(port), "NETOBS_HTTP_HOST", "127.0.0.1",
                "NETOBS_APPLICATION_SERVER", "127.0.0.1:" + port, "NETOBS_APPLICATION_ID", "netobs-path-it",
                "NETOBS_STATE_DIR", dir.resolve("state").toString());
        app = StreamsMain.launch(client(), AppConfig.fromEnv(env, Optional.empty()),
                why -> { throw new AssertionError("the streams client failed: " + why); });
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

    private Properties client() {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    private static CanaryResult run(String fixture, int minute) throws IOException {
        try (InputStream in = PathPipelineIT.class.getResourceAsStream("/path/" + fixture)) {
            return AgentTraceroute.fromTraceroute(new String(in.readAllBytes(), StandardCharsets.UTF_8), TARGET,
                    "tr-it", "lhr", T0.plusSeconds(60L * minute));
        }
    }

    @Test
    @Order(1)
    void shouldWriteAFlapAsOneOpenAndOneClosedEventAndServeItsMetrics() throws Exception {
        Properties p = client();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            int minute = 1;
            for (String fixture : List.of("traceroute-a.txt", "traceroute-b.txt", "traceroute-a.txt")) {
                CanaryResult r = run(fixture, minute++);
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, Instant.parse(r.timestamp()).toEpochMilli(),
                        TARGET, PayloadSerdes.CANARY_RESULT.serialize(Topics.CANARY_RESULTS, r)));
            }
        }

        List<PathEvent> events = new ArrayList<>();
        Properties c = client();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "path-it-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, PathEvent> consumer = new KafkaConsumer<>(c, new StringDeserializer(), PayloadSerdes.PATH_EVENT)) {
            consumer.subscribe(List.of(Topics.PATH_EVENTS));
            Instant deadline = Instant.now().plus(WAIT);
            while (events.size() < 2 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(rec -> events.add(rec.value()));
            }
        }
        assertThat(events).extracting(PathEvent::state, PathEvent::closeReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PathEvent.State.OPEN, null),
                org.assertj.core.groups.Tuple.tuple(PathEvent.State.CLOSED, PathEvent.CloseReason.RETURNED));
        assertThat(events.get(1).id()).isEqualTo(events.get(0).id())
                .isEqualTo("PATH_CHANGED|" + TARGET + "|tr-it|" + T0.plusSeconds(120).toEpochMilli());

        assertThat(scrape()).contains("netobs_path_change_active" + SERIES + " 0.0", "netobs_path_hops" + SERIES + " 6.0",
                "netobs_path_hop_loss_ratio{canary_id=\"tr-it\",hop=\"2\",target=\"" + TARGET + "\"} 1.0",
                "netobs_label_overflow_total{family=\"path\"} 0.0");
    }

    @Test
    @Order(2)
    void shouldPassPromtoolCheckMetricsWithThePathFamilies() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Promtool.available(), "promtool is not on PATH");
        Promtool.Result r = Promtool.checkMetrics(scrape());
        assertThat(r.exitCode()).as(r.output()).isIn(0, Promtool.LINT_PROBLEMS);
        assertThat(Promtool.problemsOutside(r.output(), StreamsFamilies.NOT_OURS)).as(r.output()).isEmpty();
    }

    /** /metrics once the flap of the first test is counted. */
    private String scrape() throws InterruptedException {
        return Scrapes.awaitPage("http://127.0.0.1:" + port + "/metrics", WAIT,
                s -> s.contains("netobs_path_changes_total" + SERIES + " 2.0"));
    }
}

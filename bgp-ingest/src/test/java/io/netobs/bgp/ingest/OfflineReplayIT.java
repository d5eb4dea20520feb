package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NETOBS_BGP_SOURCE=replay (the embedded runner's --offline) and the replay CLI, on the real broker. */
class OfflineReplayIT {
    @TempDir
    Path dir;

    @Test
    void shouldLoopTheBundledRecordingStampedWithTheCurrentTime() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Map.of(Topics.BGP_UPDATES, 3, Topics.DEAD_LETTERS, 1));
            Properties kafka = new Properties();
            kafka.setProperty("bootstrap.servers", broker.bootstrapServers());
            long started = System.currentTimeMillis();
            Set<String> collectors = new HashSet<>();
            Set<String> projects = new HashSet<>();
            try (IngestMain.Handle h = IngestMain.launch(kafka, Map.of("NETOBS_BGP_SOURCE", "replay",
                    // 20 minutes of recording in about a second, so the whole loop is covered
                    "NETOBS_BGP_REPLAY_SPEED", "1200", "NETOBS_INGEST_HTTP_HOST", "127.0.0.1", "NETOBS_INGEST_HTTP_PORT", "0"))) {
                KafkaPoll.until(broker.bootstrapServers(), Topics.BGP_UPDATES, Duration.ofSeconds(60), r -> {
                    BgpUpdate u = PayloadSerdes.BGP_UPDATE.deserialize(r.topic(), r.value());
                    assertThat(u.timestampMs()).as("shifted to now, not 2015").isBetween(started - 1_000, System.currentTimeMillis() + 1_000);
                    assertThat(r.timestamp()).isEqualTo(u.timestampMs());
                    collectors.add(u.collector());
                    projects.add(u.project());
                    return collectors.containsAll(Set.of("rrc19", "rrc11", "rrc25", "rrc06", "route-views.jinx"));
                });
                assertThat(projects).containsExactlyInAnyOrder("ris", "routeviews");
                assertThat(h.metrics().framesDeadLetter()).isZero();
                // Rules tell "replaying" from "disconnected" by the source series, not by connected alone.
                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + h.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("netobs_bgp_ingest_source{source=\"replay\"} 1.0\n")
                        .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 0.0\n")
                        .contains("netobs_bgp_ingest_connected 0.0\n")
                        .contains("netobs_bgp_ingest_reconnects_total{reason=\"closed\"} 0.0\n")
                        .contains("netobs_bgp_ingest_send_failures_total{message=\"ping\"} 0.0\n");
            }
        }
    }

    @Test
    void shouldReplayAnArchiveOnceWithItsRecordedTimes() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Map.of(Topics.BGP_UPDATES, 3, Topics.DEAD_LETTERS, 1));
            Path rrc06 = dir.resolve(Fixtures.name(Fixtures.RRC06));
            Files.copy(Fixtures.open(Fixtures.RRC06), rrc06);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int rc = ReplayCli.run(new String[] {rrc06.toString()}, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(rc).as(out.toString(StandardCharsets.UTF_8)).isZero();
            int[] count = {0};
            KafkaPoll.until(broker.bootstrapServers(), Topics.BGP_UPDATES, Duration.ofSeconds(60), r -> {
                BgpUpdate u = PayloadSerdes.BGP_UPDATE.deserialize(r.topic(), r.value());
                assertThat(u.timestampMs()).isBetween(1_427_846_400_000L, 1_427_846_700_000L);
                assertThat(u.source()).isEqualTo("mrt");
                return ++count[0] == 1561;
            });
        }
    }
}

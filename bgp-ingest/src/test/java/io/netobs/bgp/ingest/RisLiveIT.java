package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.DeadLetters;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path end to end: a RIS Live server on loopback that drops the connection mid-stream and
 * later stops answering pings; the ingester reconnects, resubscribes, and every frame sent after a
 * reconnection reaches bgp-updates on the real embedded broker; malformed ones reach the dead letters.
 */
class RisLiveIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    Path dir;
    private EmbeddedKafka broker;
    private FakeRisLive server;
    private IngestMain.Handle ingester;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        broker.createTopics(Map.of(Topics.BGP_UPDATES, 3, Topics.DEAD_LETTERS, 1));
        server = new FakeRisLive();
        server.startAndWait();
    }

    @AfterEach
    void stop() throws Exception {
        if (ingester != null) {
            ingester.close();
        }
        server.stop(1000);
        broker.close();
    }

    /**
     * Fixture line 1 of libbgpstream, with a unique timestamp so each frame is identifiable. Times are
     * in the past: the broker refuses timestamps more than an hour ahead (message.timestamp.after.max.ms).
     */
    private static String announcement(long seconds) {
        return Fixtures.lines(Fixtures.LIBBGPSTREAM).get(0).replace("1553627987.89", seconds + ".25");
    }

    private static String withdrawal(long seconds) {
        return Fixtures.lines(Fixtures.BGPKIT).get(4).replace("1740561857.910", seconds + ".5");
    }

    @Test
    void shouldReconnectResubscribeAndDeliverEveryFrameAfterReconnection() throws Exception {
        Path prefixes = dir.resolve("prefixes.yml");
        Files.writeString(prefixes, """
                45.161.192.0/23:
                  description: libbgpstream line 1
                  asn: 268481
                2605:de00:bb::/48:
                  description: bgpkit withdrawal
                  asn: 13781
                """);
        Map<String, String> env = new HashMap<>();
        env.put("RIS_LIVE_URL", "ws://127.0.0.1:" + server.getPort() + "/v1/ws/?client=netobs-it");
        env.put("NETOBS_BGP_CONFIG", prefixes.toString());
        env.put("NETOBS_RIS_PING_INTERVAL_MS", "200");
        env.put("NETOBS_RIS_SILENCE_TIMEOUT_MS", "1500");
        env.put("NETOBS_RIS_BACKOFF_MIN_MS", "100");
        env.put("NETOBS_RIS_BACKOFF_MAX_MS", "400");
        env.put("NETOBS_RIS_SUBSCRIBES_PER_SECOND", "20");
        env.put("NETOBS_INGEST_HTTP_HOST", "127.0.0.1");
        env.put("NETOBS_INGEST_HTTP_PORT", "0");
        Properties kafka = new Properties();
        kafka.setProperty("bootstrap.servers", broker.bootstrapServers());
        ingester = IngestMain.launch(kafka, env);
        List<String> expectedSubs = List.of("RIS_PEER_STATE", "45.161.192.0/23", "2605:de00:bb::/48");

        // Connection 1: subscribed, a few frames, then dropped mid-stream.
        FakeRisLive.Session first = server.awaitSession(0, 3, WAIT);
        assertThat(first.subscriptions).containsExactlyElementsOf(expectedSubs);
        for (int i = 0; i < 5; i++) {
            first.socket.send(announcement(1_600_000_000L + i));
        }
        server.drop(first);

        // Connection 2: resubscribed everything; valid and malformed frames.
        FakeRisLive.Session second = server.awaitSession(1, 3, WAIT);
        assertThat(second.subscriptions).containsExactlyElementsOf(expectedSubs);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            long ts = 1_650_000_000L + i;
            second.socket.send(i % 5 == 0 ? withdrawal(ts) : announcement(ts));
            expected.add(ts * 1000 + (i % 5 == 0 ? 500 : 250) + " " + (i % 5 == 0 ? "2605:de00:bb::/48" : "45.161.192.0/23"));
        }
        List<String> malformed = new ArrayList<>(Fixtures.lines(Fixtures.NEGATIVE));
        malformed.add(Fixtures.lines(Fixtures.LIBBGPSTREAM).get(6));
        malformed.add("{\"type\":\"ris_surprise\",\"data\":{}}");
        malformed.forEach(second.socket::send);
        second.socket.send(Fixtures.lines(Fixtures.LIBBGPSTREAM).get(1)); // peer down, keyed by peer IP
        expected.add("1553625081880 peer-down 195.66.224.59");

        // Connection 2 goes silent (no pong, no data): the client must give up on it and reconnect.
        server.answerPings = false;
        FakeRisLive.Session third = server.awaitSession(2, 3, WAIT);
        server.answerPings = true;
        assertThat(third.subscriptions).containsExactlyElementsOf(expectedSubs);
        for (int i = 0; i < 20; i++) {
            long ts = 1_700_000_000L + i;
            third.socket.send(announcement(ts));
            expected.add(ts * 1000 + 250 + " 45.161.192.0/23");
        }

        Set<String> seen = new HashSet<>();
        KafkaPoll.until(broker.bootstrapServers(), Topics.BGP_UPDATES, WAIT, r -> {
            BgpUpdate u = PayloadSerdes.BGP_UPDATE.deserialize(r.topic(), r.value());
            assertThat(r.timestamp()).as("record time = BGP event time").isEqualTo(u.timestampMs());
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (u.type() == BgpUpdate.Kind.PEER_DOWN) {
                assertThat(key).isEqualTo(u.peerIp());
                seen.add(u.timestampMs() + " peer-down " + key);
            } else {
                assertThat(key).isEqualTo(u.prefix());
                seen.add(u.timestampMs() + " " + key);
            }
            return seen.containsAll(expected);
        });
        assertThat(seen).containsAll(expected);

        List<String> reasons = new ArrayList<>();
        KafkaPoll.until(broker.bootstrapServers(), Topics.DEAD_LETTERS, WAIT, (ConsumerRecord<byte[], byte[]> r) -> {
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("ris-live");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("-1");
            assertThat(DeadLetters.header(r.headers(), DeadLetters.REJECTED_BY)).isEqualTo("bgp-ingest");
            assertThat(malformed).contains(new String(r.value(), StandardCharsets.UTF_8));
            reasons.add(DeadLetters.header(r.headers(), DeadLetters.REASON).split(":")[0]);
            return reasons.size() >= malformed.size();
        });
        assertThat(reasons).containsExactly(Reasons.BAD_ORIGIN, Reasons.BAD_AGGREGATOR, Reasons.UNSUPPORTED_DATA_TYPE,
                Reasons.NOT_JSON, Reasons.UNKNOWN_MESSAGE_TYPE);

        assertThat(ingester.metrics().reconnects()).isGreaterThanOrEqualTo(2);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + ingester.httpPort();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("netobs_bgp_ingest_frames_total{result=\"dead_letter\"} 5.0\n")
                .contains("netobs_bgp_ingest_last_message_timestamp_seconds{collector=\"rrc25\"}")
                .contains("netobs_bgp_ingest_connected 1.0\n")
                .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 1.0\n")
                .contains("netobs_bgp_ingest_source{source=\"replay\"} 0.0\n")
                // the second connection went silent; nothing stalled; the other reasons are there from 0
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"silent\"} 1.0\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"handshake_timeout\"} 0.0\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"connect_failed\"} 0.0\n")
                .contains("netobs_bgp_ingest_handshake_timeouts_total 0.0\n");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}

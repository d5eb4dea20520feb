package io.netobs.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.canary.probe.AgentTraceroute;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.Json;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.canary.Results;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two streams-app instances of one application on a real broker: each owns some partitions, and
 * /api/status, /api/paths and /api/bgp answer for the whole application from either instance, reading the other
 * instance's part through its /api (scope=local), as the status page does behind a load balancer.
 */
class StatusApiForwardingIT {
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };

    @TempDir
    Path dir;

    /** The first keys of the form {@code pattern} (with N = 0, 1, ...) landing in each partition, {@code each} per partition. */
    private static List<String> spread(String pattern, int each) {
        List<String> out = new ArrayList<>();
        int[] per = new int[PARTITIONS];
        for (int n = 0; out.size() < PARTITIONS * each; n++) {
            String key = pattern.replace("N", Integer.toString(n));
            int p = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (per[p]++ < each) {
                out.add(key);
            }
        }
        return out;
    }

    @Test
    void shouldAnswerForTheWholeApplicationFromEitherInstance() throws Exception {
        List<String> targets = spread("tN.example", 2);
        List<String> prefixes = spread("10.0.N.0/24", 1);
        Path prefixFile = dir.resolve("prefixes.yml");
        StringBuilder yaml = new StringBuilder();
        prefixes.forEach(p -> yaml.append(p).append(":\n  asn: 64510\n"));
        Files.writeString(prefixFile, yaml.append("options:\n  minPeers: 2\n").toString());

        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Map.of(Topics.CANARY_RESULTS, PARTITIONS, Topics.CANARY_AGGREGATES, PARTITIONS,
                    Topics.DEAD_LETTERS, 1, Topics.BGP_UPDATES, PARTITIONS, Topics.BGP_EVENTS, PARTITIONS,
                    Topics.PATH_EVENTS, PARTITIONS));
            int portA = freePort();
            int portB = freePort();
            try (AutoCloseable a = launch(broker, portA, "a", prefixFile);
                 AutoCloseable b = launch(broker, portB, "b", prefixFile)) {
                publish(broker, targets, prefixes);
                String hijack = "ORIGIN_HIJACK|" + prefixes.get(0) + "|AS64666";
                awaitChecked(() -> check(portA, portB, new TreeSet<>(targets), new TreeSet<>(prefixes), hijack));
            }
        }
    }

    /** Both instances own part of the data, and each serves all of it. */
    private static void check(int portA, int portB, Set<String> targets, Set<String> prefixes, String hijack)
            throws Exception {
        Set<String> localA = values(get(portA, "/api/status?scope=local"), "target");
        Set<String> localB = values(get(portB, "/api/status?scope=local"), "target");
        assertThat(localA).as("instance A owns some targets").isNotEmpty();
        assertThat(localB).as("instance B owns some targets").isNotEmpty().doesNotContainAnyElementsOf(localA);
        for (int port : new int[] {portA, portB}) {
            assertThat(values(get(port, "/api/status"), "target")).as("/api/status on " + port).isEqualTo(targets);
        }
        String theirs = localB.iterator().next();
        var one = Scrapes.get("http://127.0.0.1:" + portA + "/api/targets/" + theirs);
        assertThat(one.statusCode()).as("A forwards " + theirs + " to B").isEqualTo(200);
        assertThat(one.body()).contains("\"target\":\"" + theirs + "\"");
        var path = Scrapes.get("http://127.0.0.1:" + portA + "/api/paths/" + theirs);
        assertThat(path.statusCode()).as("A forwards the path of " + theirs + " to B: " + path.body()).isEqualTo(200);
        assertThat(path.body()).contains("\"canary_id\":\"tr-1\"", "\"addresses\":[\"203.0.113.1\"]")
                .as("B's own answer, decoded and encoded again by A").isEqualTo(
                        Scrapes.get("http://127.0.0.1:" + portB + "/api/paths/" + theirs + "?scope=local").body());
        assertThat(Scrapes.get("http://127.0.0.1:" + portA + "/api/paths/" + theirs + "?scope=local").statusCode())
                .as("A itself holds no path of " + theirs).isEqualTo(404);

        Set<String> seenA = seen(get(portA, "/api/bgp/prefixes?scope=local"));
        Set<String> seenB = seen(get(portB, "/api/bgp/prefixes?scope=local"));
        assertThat(seenA).as("A holds some prefixes").isNotEmpty();
        assertThat(seenB).as("B holds some prefixes").isNotEmpty().doesNotContainAnyElementsOf(seenA);
        for (int port : new int[] {portA, portB}) {
            assertThat(seen(get(port, "/api/bgp/prefixes"))).as("/api/bgp/prefixes on " + port).isEqualTo(prefixes);
            assertThat(values(get(port, "/api/bgp/events"), "id")).as("/api/bgp/events on " + port).contains(hijack);
        }
        String mine = seenB.iterator().next();
        var prefix = Scrapes.get("http://127.0.0.1:" + portA + "/api/bgp/prefixes/" + mine);
        assertThat(prefix.statusCode()).isEqualTo(200);
        assertThat(prefix.body()).contains("\"prefix\":\"" + mine + "\"", "\"seen\":true");
    }

    private static List<Map<String, Object>> get(int port, String path) throws Exception {
        var r = Scrapes.get("http://127.0.0.1:" + port + path);
        assertThat(r.statusCode()).as(path + " on " + port + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readValue(r.body(), LIST);
    }

    private static Set<String> values(List<Map<String, Object>> rows, String field) {
        Set<String> out = new TreeSet<>();
        rows.forEach(r -> out.add(String.valueOf(r.get(field))));
        return out;
    }

    private static Set<String> seen(List<Map<String, Object>> views) {
        Set<String> out = new TreeSet<>();
        views.stream().filter(v -> Boolean.TRUE.equals(v.get("seen"))).forEach(v -> out.add((String) v.get("prefix")));
        return out;
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Polls until the check passes (rebalances settle, records arrive); fails with its last failure. */
    private static void awaitChecked(Check check) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        Throwable last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                check.run();
                return;
            } catch (AssertionError | IOException e) {
                last = e;
            }
            Thread.sleep(500); // poll interval, not a wait for a result
        }
        throw new AssertionError("not met within " + WAIT, last);
    }

    private static AutoCloseable launch(EmbeddedKafka broker, int port, String name, Path prefixes) throws Exception {
        Map<String, String> env = Map.of("NETOBS_HTTP_PORT", Integer.toString(port),
                "NETOBS_HTTP_HOST", "127.0.0.1", "NETOBS_APPLICATION_SERVER", "127.0.0.1:" + port,
                "NETOBS_APPLICATION_ID", "netobs-forwarding-it", "NETOBS_BGP_CONFIG", prefixes.toString(),
                "NETOBS_STATE_DIR", prefixes.getParent().resolve("state-" + name).toString());
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return StreamsMain.launch(p, AppConfig.fromEnv(env),
                why -> { throw new AssertionError("instance " + name + " failed: " + why); });
    }

    /**
     * A ping and a traceroute result per target, and per prefix two peers announcing it; the first prefix is
     * hijacked by two more.
     */
    private static void publish(EmbeddedKafka broker, List<String> targets, List<String> prefixes) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        Instant now = Instant.now();
        String trace;
        try (var in = StatusApiForwardingIT.class.getResourceAsStream("/path/traceroute-b.txt")) {
            trace = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (KafkaProducer<String, byte[]> results = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
             KafkaProducer<String, BgpUpdate> updates = new KafkaProducer<>(p, new StringSerializer(),
                     PayloadSerdes.BGP_UPDATE.serializer())) {
            for (String t : targets) {
                results.send(new ProducerRecord<>(Topics.CANARY_RESULTS, t,
                        Results.ping("c1", t, "SUCCESS", 1.0, 0.0, now).getBytes(StandardCharsets.UTF_8))).get();
                results.send(new ProducerRecord<>(Topics.CANARY_RESULTS, t, PayloadSerdes.CANARY_RESULT.serialize(
                        Topics.CANARY_RESULTS, AgentTraceroute.fromTraceroute(trace, t, "tr-1", "lhr", now)))).get();
            }
            Set<String> sent = new HashSet<>();
            for (String prefix : prefixes) {
                for (int peer = 1; peer <= 4; peer++) {
                    long origin = peer <= 2 ? 64510 : 64666;
                    if (peer > 2 && !prefix.equals(prefixes.get(0))) {
                        continue;
                    }
                    BgpUpdate u = new BgpUpdate(BgpUpdate.SCHEMA_VERSION, now.toEpochMilli(), "rrc00", "ris",
                            "192.0.2." + peer, 64500 + peer, BgpUpdate.Kind.ANNOUNCE, prefix, List.of(64500L + peer, origin),
                            null, List.of(origin), "192.0.2." + peer, null, "forwarding-it");
                    updates.send(new ProducerRecord<>(Topics.BGP_UPDATES, prefix, u)).get();
                    sent.add(prefix);
                }
            }
            assertThat(sent).hasSize(prefixes.size());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

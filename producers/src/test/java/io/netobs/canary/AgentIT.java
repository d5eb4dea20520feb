package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.offline.LoopbackDnsServer;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent against a real broker: the broker is stopped for 30 s and restarted on the same
 * directory and port, then the agent itself is restarted with a non-empty spool while the broker is
 * down again. Every result the agent produced must be on the topic exactly once, in order per target.
 */
class AgentIT {
    @TempDir
    Path tmp;

    private static void await(String what, Duration max, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void shouldDeliverEveryResultExactlyOnceInOrderAcrossABrokerOutageAndAnAgentRestart() throws Exception {
        Path kafkaDir = tmp.resolve("kafka");
        EmbeddedKafka broker = EmbeddedKafka.start(kafkaDir, 0);
        int port = Integer.parseInt(broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
        broker.createTopics(Map.of(Topics.CANARY_RESULTS, 3));
        try (LoopbackHttpServer http = LoopbackHttpServer.http();
             LoopbackDnsServer dns = LoopbackDnsServer.start(0);
             ServerSocket tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path yaml = Files.writeString(tmp.resolve("agent.yml"), String.join("\n",
                    "canary_id: it-agent", "pop: it-pop", "spool:", "  dir: " + tmp.resolve("spool"),
                    "probes:",
                    "  - type: http", "    interval: 500ms", "    timeout: 400ms",
                    "    targets: [" + http.url("/text") + ", " + http.url("/status/404") + "]",
                    "  - type: tcp", "    interval: 500ms", "    timeout: 400ms", "    targets: [\"127.0.0.1:" + tcp.getLocalPort() + "\"]",
                    "  - type: dns", "    interval: 500ms", "    timeout: 400ms", "    targets: [netobs.test]",
                    "    options: {resolver: \"" + dns.resolver() + "\"}", ""));
            Map<String, String> env = Map.of("NETOBS_AGENT_CONFIG", yaml.toString(), "NETOBS_AGENT_HTTP_PORT", "0",
                    "NETOBS_AGENT_HTTP_HOST", "127.0.0.1");
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", broker.bootstrapServers());

            Agent agent = AgentMain.launch(client, env);
            await("first results published", Duration.ofSeconds(60), () -> published(agent) >= 10);
            assertThat(get(agent.httpPort(), "/health")).contains("\"kafka\":\"reachable\"");

            broker.stop();
            long outageStart = System.nanoTime();
            long depthBefore = agent.spool().depth();
            // The outage lasts 30 s of wall-clock time on purpose; meanwhile the agent must keep probing.
            await("30 s of outage", Duration.ofSeconds(40), () -> System.nanoTime() - outageStart >= 30_000_000_000L);
            assertThat(agent.spool().depth()).isGreaterThan(depthBefore + 50);
            String metrics = get(agent.httpPort(), "/metrics");
            assertThat(metrics).contains("netobs_agent_spool_depth", "netobs_agent_probes_total{probe=\"http\"",
                    "netobs_agent_schedule_lag_seconds", "netobs_agent_results_published_total",
                    "netobs_agent_results_dropped_total", "netobs_agent_probe_errors_total{probe=\"http\",reason=\"http_status\"}");

            broker = EmbeddedKafka.start(kafkaDir, port);
            await("spool drained after the broker came back", Duration.ofSeconds(120), () -> agent.spool().depth() == 0);

            // Second outage, and this time the agent is restarted while results wait in its spool.
            broker.stop();
            await("results spooled while the broker is down", Duration.ofSeconds(30), () -> agent.spool().depth() >= 10);
            agent.close();
            long left = agent.spool().depth();
            assertThat(left).isPositive();
            broker = EmbeddedKafka.start(kafkaDir, port);
            Agent second = AgentMain.launch(client, env);
            await("restarted agent delivered the old spool", Duration.ofSeconds(120), 
                    () -> second.spool().depth() == 0 && second.spool().nextSeq() > agent.spool().nextSeq());
            second.stopProbing();
            await("final drain", Duration.ofSeconds(60), () -> second.spool().depth() == 0);
            long produced = second.spool().nextSeq(); // sequence numbers 0..produced-1, nothing dropped
            assertThat(second.spool().dropped()).isZero();
            second.close();

            List<ConsumerRecord<String, byte[]>> records = consumeAll(broker.bootstrapServers(), produced);
            assertThat(records).hasSize((int) produced);
            Set<String> seen = new HashSet<>();
            Map<String, String> lastTimestamp = new HashMap<>();
            for (ConsumerRecord<String, byte[]> r : records) {
                CanaryResult c = PayloadSerdes.CANARY_RESULT.deserialize(r.topic(), r.value());
                assertThat(r.key()).isEqualTo(c.target());
                assertThat(r.timestamp()).isEqualTo(c.observedAt().orElseThrow().toEpochMilli());
                assertThat(c.canaryId()).isEqualTo("it-agent");
                assertThat(c.pop()).isEqualTo("it-pop");
                assertThat(seen.add(c.target() + "@" + c.timestamp())).as("duplicate %s", c.target() + "@" + c.timestamp()).isTrue();
                String prev = lastTimestamp.put(c.target(), c.timestamp());
                if (prev != null) {
                    assertThat(java.time.Instant.parse(c.timestamp())).as("order of %s", c.target())
                            .isAfter(java.time.Instant.parse(prev));
                }
            }
            assertThat(lastTimestamp).hasSize(4);
        } finally {
            broker.stop();
        }
    }

    private static long published(Agent a) {
        return (long) a.metrics().registry().get("netobs.agent.results.published").counter().count();
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** Reads the whole topic, partition by partition order preserved, until {@code expected} records or a deadline. */
    private static List<ConsumerRecord<String, byte[]>> consumeAll(String bootstrap, long expected) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("isolation.level", "read_committed");
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.CANARY_RESULTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long end = System.nanoTime() + 60_000_000_000L;
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < end && System.nanoTime() < quietUntil) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r);
                }
                if (out.size() >= expected && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + 3_000_000_000L; // keep reading a little: duplicates would show up here
                }
            }
        }
        return out;
    }
}

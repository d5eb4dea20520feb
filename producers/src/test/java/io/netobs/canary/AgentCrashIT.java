package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.publish.Spool;
import io.netobs.canary.publish.SpoolSender;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.Topics;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in its own JVM, killed with SIGKILL while it publishes ~200 results/s, then restarted on
 * the same spool and stopped cleanly. Every spooled result must be on the topic, and a result may be
 * there twice only if its sequence number is above the checkpoint the killed agent left: the one
 * documented duplicate window (acknowledged after the last checkpoint). Records are told apart by the
 * spool sequence number each carries in a header.
 */
class AgentCrashIT {
    private static final Pattern PUBLISHED = Pattern.compile("(?m)^netobs_agent_results_published_total (\\S+)$");

    @TempDir
    Path tmp;

    @Test
    void shouldLoseNothingAndDuplicateOnlyAboveTheCheckpointWhenKilledMidPublish() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
             LoopbackHttpServer http = LoopbackHttpServer.http()) {
            broker.createTopics(Map.of(Topics.CANARY_RESULTS, 3));
            Path spool = tmp.resolve("spool");
            StringBuilder targets = new StringBuilder();
            for (char c = 'a'; c < 'k'; c++) {
                targets.append("      - ").append(http.url("/text?" + c)).append('\n');
            }
            Path yaml = Files.writeString(tmp.resolve("agent.yml"), "canary_id: crash-it\nspool: {dir: \"" + spool + "\"}\n"
                    + "probes:\n  - type: http\n    interval: 50ms\n    timeout: 40ms\n    targets:\n" + targets);
            int port = freePort();
            Map<String, String> env = Map.of("NETOBS_AGENT_CONFIG", yaml.toString(), "NETOBS_AGENT_HTTP_PORT", String.valueOf(port),
                    "NETOBS_AGENT_HTTP_HOST", "127.0.0.1", "KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());

            Process first = startAgent(env, tmp.resolve("agent-1.log"));
            awaitPublished(first, port, 400, tmp.resolve("agent-1.log"));
            first.destroyForcibly(); // SIGKILL, in the middle of a steady stream of sends
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            long checkpoint = Spool.checkpointed(spool).orElse(-1);
            Map<TopicPartition, Long> firstRunEnd = stableEndOffsets(broker.bootstrapServers());

            Process second = startAgent(env, tmp.resolve("agent-2.log"));
            awaitPublished(second, port, 200, tmp.resolve("agent-2.log"));
            second.destroy(); // SIGTERM: a clean stop drains the spool
            assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long sent;
            try (Spool s = Spool.open(spool, 1 << 30)) {
                sent = s.nextSeq();
                assertThat(s.committed()).as("everything delivered at the clean stop").isEqualTo(sent - 1);
                assertThat(s.dropped()).isZero();
            }

            Map<Long, Integer> copies = new HashMap<>();
            TreeSet<Long> firstRun = new TreeSet<>();
            List<Long> secondRun = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : consumeAll(broker.bootstrapServers())) {
                long seq = Long.parseLong(new String(r.headers().lastHeader(SpoolSender.SEQ_HEADER).value(), StandardCharsets.US_ASCII));
                copies.merge(seq, 1, Integer::sum);
                if (r.offset() < firstRunEnd.get(new TopicPartition(r.topic(), r.partition()))) {
                    firstRun.add(seq);
                } else {
                    secondRun.add(seq);
                }
            }
            List<Long> duplicated = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
            long records = copies.values().stream().mapToLong(Integer::longValue).sum();
            System.out.printf("agent crash: sent %d, delivered %d distinct in %d records, duplicates %d (all above the checkpoint %d;"
                            + " first run delivered %d up to %d, second run %d)%n", sent, copies.size(), records, duplicated.size(),
                    checkpoint, firstRun.size(), firstRun.isEmpty() ? -1 : firstRun.last(), secondRun.size());

            assertThat(checkpoint).as("the killed agent had checkpointed deliveries").isGreaterThanOrEqualTo(300);
            assertThat(copies.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(range(0, sent - 1));
            assertThat(firstRun).as("first run: everything up to its checkpoint").containsAll(range(0, checkpoint));
            // The restarted agent sends exactly what lies above the checkpoint, each once.
            assertThat(secondRun).containsExactlyInAnyOrderElementsOf(range(checkpoint + 1, sent - 1));
            assertThat(duplicated).as("duplicates only inside the window").allMatch(s -> s > checkpoint);
            assertThat(duplicated).isEqualTo(firstRun.tailSet(checkpoint, false).stream().toList());
            assertThat(copies.values()).allMatch(n -> n <= 2);
            assertThat(records).isEqualTo(sent + duplicated.size());
        }
    }

    private static List<Long> range(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Process startAgent(Map<String, String> env, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName());
        pb.environment().putAll(env);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitPublished(Process p, int port, double atLeast, Path log) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + 40_000_000_000L;
        while (true) {
            if (!p.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("agent did not publish " + atLeast + " results (alive " + p.isAlive() + "); its log:\n"
                        + Files.readString(log));
            }
            try {
                String m = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Matcher x = PUBLISHED.matcher(m);
                if (x.find() && Double.parseDouble(x.group(1)) >= atLeast) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty("isolation.level", "read_committed");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** End offsets once the broker has finished whatever the killed agent had already sent: equal twice in a row. */
    private static Map<TopicPartition, Long> stableEndOffsets(String bootstrap) throws InterruptedException {
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> parts = c.partitionsFor(Topics.CANARY_RESULTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            Map<TopicPartition, Long> last = c.endOffsets(parts);
            while (true) {
                Thread.sleep(500); // a fixed settle interval between two reads, not a wait for a result
                Map<TopicPartition, Long> now = c.endOffsets(parts);
                if (now.equals(last)) {
                    return now;
                }
                last = now;
            }
        }
    }

    private static List<ConsumerRecord<String, byte[]>> consumeAll(String bootstrap) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> parts = c.partitionsFor(Topics.CANARY_RESULTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}

package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.DeadLetters;
import io.netobs.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzed input on both input topics: 7,000 canary results and 5,000 BGP updates from real data,
 * four fifths of them damaged (see {@link Mutator}), with a fixed seed so a failure reproduces. The
 * app must stay RUNNING throughout, and for each topic every record must be accounted for exactly
 * once: processed (the app's totals) or dead-lettered (records on netobs-dead-letters naming it).
 *
 * <p>The BGP configuration monitors 0.0.0.0/0 and ::/0 so that every valid update is kept, and
 * allows 64 more-specifics each, so the rest are counted as overflow: processed BGP updates are the
 * sum of {@code netobs_bgp_route_updates_total} and {@code netobs_bgp_more_specifics_overflow_total}.
 * Processed canary results are {@code canary_status_total} plus refused series
 * ({@code netobs_label_overflow_total{family="canary"}}).
 */
@ExtendWith(SharedBroker.class)
class FuzzIT {
    static final long SEED = 20261130L;
    static final int CANARY = 7_000;
    static final int BGP = 5_000;

    @Test
    void shouldStayRunningAndAccountForEveryFuzzedRecordExactlyOnce(SharedBroker.Broker broker) throws Exception {
        long began = System.nanoTime();
        broker.reset(4);
        Path dir = broker.workDir("fuzz");
        Path prefixes = Files.writeString(dir.resolve("prefixes.yml"), """
                0.0.0.0/0:
                  description: every IPv4 route, so the fuzz run can account for each update
                  asn: 65000
                ::/0:
                  description: every IPv6 route
                  asn: 65000
                options:
                  maxMoreSpecifics: 64
                """);
        long now = System.currentTimeMillis();
        Path fixtures = Path.of("..", "bgp-ingest", "src", "test", "resources", "fixtures").toAbsolutePath().normalize();
        List<FuzzInput.Item> canary = FuzzInput.canary(SEED, CANARY, now);
        List<io.netobs.schema.BgpUpdate> recorded = FuzzInput.recorded(fixtures);
        List<FuzzInput.Item> bgp = FuzzInput.bgp(SEED + 7, BGP, now, recorded);
        String appId = "netobs-fault-fuzz";
        double prepared = (System.nanoTime() - began) / 1e9;
        try (StreamsProcess app = StreamsProcess.start("fuzz", dir, broker.bootstrapServers(),
                Map.of("NETOBS_APPLICATION_ID", appId, "NETOBS_BGP_CONFIG", prefixes.toString()))) {
            app.awaitRunning(Duration.ofSeconds(90));
            double running = (System.nanoTime() - began) / 1e9;
            send(broker.bootstrapServers(), canary, bgp);
            double sentAt = (System.nanoTime() - began) / 1e9;

            Map<String, Integer> health = new TreeMap<>();
            Scrape end = Poll.until("every fuzzed record processed or dead-lettered", Duration.ofSeconds(180), 500, () -> {
                var h = app.get("/health");
                health.merge(h.statusCode() + " " + h.body().replaceAll(".*\"state\":\"([A-Z_]+)\".*", "$1"), 1, Integer::sum);
                return app.scrape();
            }, s -> canaryProcessed(s) + deadLetters(s, Topics.CANARY_RESULTS) >= CANARY
                    && bgpProcessed(s) + deadLetters(s, Topics.BGP_UPDATES) >= BGP);
            double processedAt = (System.nanoTime() - began) / 1e9;
            Map<String, Long> byTopic = new TreeMap<>();
            Map<String, Long> byReason = new TreeMap<>();
            List<ConsumerRecord<String, byte[]>> dead = TopicReader.readAll(broker.bootstrapServers(), Topics.DEAD_LETTERS,
                    Duration.ofSeconds(60), Duration.ofSeconds(3), r -> r.size() >= end.sum("netobs_dead_letters_total"));
            for (ConsumerRecord<String, byte[]> r : dead) {
                String topic = DeadLetters.header(r.headers(), DeadLetters.SOURCE_TOPIC);
                String reason = String.valueOf(DeadLetters.header(r.headers(), DeadLetters.REASON));
                byTopic.merge(topic.startsWith(appId) ? topic.substring(appId.length() + 1) : topic, 1L, Long::sum);
                byReason.merge((topic.contains("bgp") ? "bgp " : "canary ") + reason.split(":")[0], 1L, Long::sum);
            }
            Scrape last = app.scrape();
            var finalHealth = app.get("/health");
            long canaryDead = byTopic.getOrDefault(Topics.CANARY_RESULTS, 0L) + repartition(byTopic, "canary");
            long bgpDead = byTopic.getOrDefault(Topics.BGP_UPDATES, 0L) + repartition(byTopic, "bgp");
            System.out.printf("fuzz (seed %d): canary %d sent (%s) = %.0f processed + %d dead-lettered; BGP %d sent from %d"
                            + " recorded updates (%s) = %.0f processed + %d dead-lettered; dead letters by source %s and"
                            + " reason %s; /health while processing %s, at the end %d; input ready at %.1f s, app RUNNING at %.1f s,"
                            + " all sent at %.1f s, all accounted for at %.1f s, done at %.1f s%n", SEED, CANARY,
                    FuzzInput.kinds(canary), canaryProcessed(last), canaryDead, BGP, recorded.size(),
                    FuzzInput.kinds(bgp), bgpProcessed(last), bgpDead, byTopic, byReason, health, finalHealth.statusCode(),
                    prepared, running, sentAt, processedAt, (System.nanoTime() - began) / 1e9);

            assertThat(app.isAlive()).isTrue();
            assertThat(finalHealth.statusCode()).isEqualTo(200);
            assertThat(finalHealth.body()).contains("\"RUNNING\"");
            assertThat(health.keySet()).as("/health while processing").allMatch(h -> h.startsWith("200 "));
            assertThat(canaryProcessed(last) + canaryDead).as("canary results processed + dead-lettered").isEqualTo(CANARY);
            assertThat(bgpProcessed(last) + bgpDead).as("BGP updates processed + dead-lettered").isEqualTo(BGP);
            assertThat((long) deadLetters(last, Topics.CANARY_RESULTS)).as("the app's count of canary dead letters")
                    .isEqualTo(byTopic.getOrDefault(Topics.CANARY_RESULTS, 0L));
            assertThat((long) deadLetters(last, Topics.BGP_UPDATES)).as("the app's count of BGP dead letters")
                    .isEqualTo(byTopic.getOrDefault(Topics.BGP_UPDATES, 0L));
            assertThat((long) last.sum("netobs_dead_letters_total")).isEqualTo(dead.size());
            // Every refusal names what is wrong with the input; processing_error is kept for defects of the app.
            assertThat(byReason.keySet()).as("dead-letter reasons").noneMatch(r -> r.endsWith(" processing_error"));
        }
    }

    private static long repartition(Map<String, Long> byTopic, String prefix) {
        return byTopic.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith("-repartition"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    static double canaryProcessed(Scrape s) {
        return s.sum("canary_status_total") + s.sum("netobs_label_overflow_total", x -> "canary".equals(x.label("family")));
    }

    static double bgpProcessed(Scrape s) {
        return s.sum("netobs_bgp_route_updates_total") + s.sum("netobs_bgp_more_specifics_overflow_total");
    }

    static double deadLetters(Scrape s, String topic) {
        return s.sum("netobs_dead_letters_total", x -> topic.equals(x.label("topic")));
    }

    private static void send(String bootstrap, List<FuzzInput.Item> canary, List<FuzzInput.Item> bgp) throws Exception {
        AtomicReference<Exception> failed = new AtomicReference<>();
        List<FuzzInput.Item> all = new ArrayList<>(canary);
        all.addAll(bgp);
        try (KafkaProducer<String, byte[]> p = Producers.reliable(bootstrap, new Properties())) {
            for (FuzzInput.Item i : all) {
                p.send(new ProducerRecord<>(i.topic(), null, i.timestampMs(), i.key(), i.value()),
                        (md, e) -> failed.compareAndSet(null, e));
            }
            p.flush();
        }
        if (failed.get() != null) {
            throw new AssertionError("a fuzzed record was not delivered", failed.get());
        }
    }
}

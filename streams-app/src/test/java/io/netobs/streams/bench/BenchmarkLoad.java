package io.netobs.streams.bench;

import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The benchmark's input: result i goes to target i mod T from canary i mod 3, observed at
 * T0 + (i / T) seconds, so results arrive in event-time order, a minute of results per window.
 * Then one clock result per partition, an hour later, closes every window; those windows are
 * the expected output (per canary and per target), the clock's own stay open.
 */
record BenchmarkLoad(long totalRecords, long expectedAggregates, double seconds) {
    private static final String[] STATUSES = {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "FAILURE", "SUCCESS",
        "SUCCESS", "TIMEOUT", "SUCCESS", "ERROR"};

    static BenchmarkLoad publish(Properties client, int n, int targets, int partitions, double unkeyed) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        Instant t0 = CanaryPipelineBenchmark.t0();
        Set<String> windows = new HashSet<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String target = "target-" + (i % targets) + ".example";
                String canary = "pop-" + (i % 3);
                Instant at = t0.plusSeconds(i / targets);
                long window = at.getEpochSecond() / 60;
                windows.add(window + "|" + target + "|" + canary);
                windows.add(window + "|" + target);
                String json = "{\"type\": \"ping\", \"canary_id\": \"" + canary + "\", \"target\": \"" + target
                        + "\", \"timestamp\": \"" + at + "\", \"status\": \"" + STATUSES[i % STATUSES.length]
                        + "\", \"rtt_avg_ms\": " + (5.0 + (i % 997) / 10.0) + ", \"packet_loss_percent\": 0.0"
                        + ", \"error_message\": null}";
                boolean keyed = (i % 1000) >= unkeyed * 1000;
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, keyed ? target : null,
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            Instant late = t0.plusSeconds(n / targets + 3600);
            for (int part = 0; part < partitions; part++) {
                String clock = clockKey(part, partitions);
                String json = "{\"type\": \"ping\", \"canary_id\": \"clock\", \"target\": \"" + clock
                        + "\", \"timestamp\": \"" + late + "\", \"status\": \"SUCCESS\", \"rtt_avg_ms\": 1.0}";
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, clock, json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        return new BenchmarkLoad(n + partitions, windows.size(), (System.nanoTime() - start) / 1e9);
    }

    /** A target name the default partitioner puts on {@code partition}. */
    static String clockKey(int partition, int partitions) {
        for (int i = 0; ; i++) {
            String key = "clock-" + i;
            if (Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition) {
                return key;
            }
        }
    }

    static void awaitAggregates(Properties client, long expected, Duration timeout) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-aggregates-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long seen = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.CANARY_AGGREGATES));
            while (seen < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + expected + " aggregates within " + timeout);
                }
                seen += c.poll(Duration.ofMillis(100)).count();
            }
        }
    }
}

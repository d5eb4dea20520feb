package io.netobs.streams.bench;

import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The canary benchmark's input, shaped exactly as the seed's canaries send results: result i goes to
 * target i mod T from canary i mod 3, observed at T0 + i * span / N, so results arrive in event-time
 * order, spread evenly as an agent's scheduler spreads its targets over the probe interval, and
 * span over at least {@link #MIN_WINDOWS} one-minute windows (each target gets N / T results). T0 lies 40
 * minutes in the past (inside the one-hour retention). Once the pipeline has consumed them,
 * {@link #publishClocks} sends one clock result per partition, two minutes after the last round,
 * which closes every window; those windows are the expected output (per canary and per target),
 * the clock's own stay open. (Sent with the data, the clocks of keyed input would overtake the
 * results still on their way through the repartition topic, and make them late.)
 *
 * @param keyed  true: key = target (the agent); false: no key (the seed's producers)
 */
record BenchmarkLoad(long totalRecords, long expectedAggregates, double seconds, boolean keyed, int partitions,
                     Instant clockTime) {
    static final int MIN_WINDOWS = 11;
    private static final String[] STATUSES = {"SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "FAILURE", "SUCCESS",
        "SUCCESS", "TIMEOUT", "SUCCESS", "ERROR"};

    static BenchmarkLoad publish(Properties client, int n, int targets, int partitions, boolean keyed) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long spanMs = MIN_WINDOWS * 60_000L;
        Instant t0 = Instant.ofEpochSecond((System.currentTimeMillis() / 1000 - 40 * 60) / 60 * 60);
        Set<String> windows = new HashSet<>();
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String target = "target-" + (i % targets) + ".example";
                String canary = "pop-" + (i % 3);
                Instant at = t0.plusMillis(i * spanMs / n);
                long window = at.getEpochSecond() / 60;
                windows.add(window + "|" + target + "|" + canary);
                windows.add(window + "|" + target);
                String json = "{\"type\": \"ping\", \"canary_id\": \"" + canary + "\", \"target\": \"" + target
                        + "\", \"timestamp\": \"" + at + "\", \"status\": \"" + STATUSES[i % STATUSES.length]
                        + "\", \"rtt_avg_ms\": " + (5.0 + (i % 997) / 10.0) + ", \"packet_loss_percent\": 0.0"
                        + ", \"error_message\": null}";
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, keyed ? target : null,
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        Instant clockTime = t0.plusMillis(spanMs).plus(Duration.ofMinutes(2));
        return new BenchmarkLoad(n + (keyed ? partitions : (long) partitions * partitions), windows.size(),
                (System.nanoTime() - start) / 1e9, keyed, partitions, clockTime);
    }

    /**
     * One clock result per partition (by its target's hash), keyed like the data. Unkeyed, the
     * windows of a task close at the earliest event time of the input partitions repartitioned into
     * it, so each task gets its clock from every input partition.
     */
    void publishClocks(Properties client) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(client, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int part = 0; part < partitions; part++) {
                String clock = clockKey(part, partitions);
                byte[] json = ("{\"type\": \"ping\", \"canary_id\": \"clock\", \"target\": \"" + clock
                        + "\", \"timestamp\": \"" + clockTime + "\", \"status\": \"SUCCESS\", \"rtt_avg_ms\": 1.0}")
                        .getBytes(StandardCharsets.UTF_8);
                if (keyed) {
                    producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, clock, json));
                } else {
                    for (int from = 0; from < partitions; from++) {
                        producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, from, null, json));
                    }
                }
            }
            producer.flush();
        }
    }

    /** The data records alone, without the clocks. */
    long dataRecords() {
        return totalRecords - (keyed ? partitions : (long) partitions * partitions);
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
}

package io.netobs.bgp.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic from the beginning until a condition holds or a deadline passes (no sleeping). */
final class KafkaPoll {
    private KafkaPoll() {
    }

    /** Feeds every record to {@code done}; returns when it answers true, fails at the deadline. */
    static void until(String bootstrap, String topic, Duration timeout, Predicate<ConsumerRecord<byte[], byte[]>> done) {
        Map<String, Object> cfg = Map.of("bootstrap.servers", bootstrap, "auto.offset.reset", "earliest",
                "enable.auto.commit", "false", "isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(cfg, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.assign(c.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList());
            c.seekToBeginning(c.assignment());
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (done.test(r)) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("condition on " + topic + " not met within " + timeout);
    }
}

package io.netobs.infra.alerting;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * bgp-events as the topology wrote it, read from the beginning of every partition without a consumer group: the
 * latest record of each event id says whether it is open, and with which severity. The authority the BGP alerts are
 * judged against.
 */
final class BgpEventLog implements AutoCloseable {
    private final KafkaConsumer<String, BgpEvent> consumer;
    private final Map<String, BgpEvent> latest = new HashMap<>();
    private final List<BgpEvent> history = new ArrayList<>();
    /** Open records that a later record of the same id replaced (a severity change), with the wall time it was read. */
    private final List<Replaced> replaced = new ArrayList<>();

    /** An open record of an event and when this log read the record that replaced it. */
    record Replaced(BgpEvent was, long replacedAtMs) {
    }

    BgpEventLog(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Only committed records: the topology writes under exactly-once.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), PayloadSerdes.BGP_EVENT.deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.BGP_EVENTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads everything committed so far; returns the events whose latest record is OPEN, by id. */
    Map<String, BgpEvent> open() {
        // With read_committed, the end offsets are the last stable offsets: everything committed until now.
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bgp-events not read up to " + end + " within 30 s");
            }
            for (ConsumerRecord<String, BgpEvent> r : consumer.poll(Duration.ofMillis(500))) {
                BgpEvent before = latest.put(r.value().id(), r.value());
                if (before != null && before.state() == BgpEvent.State.OPEN && r.value().state() == BgpEvent.State.OPEN) {
                    replaced.add(new Replaced(before, System.currentTimeMillis()));
                }
                history.add(r.value());
            }
        }
        return latest.values().stream().filter(e -> e.state() == BgpEvent.State.OPEN)
                .collect(Collectors.toMap(BgpEvent::id, e -> e));
    }

    /** Every record read so far, in partition order. */
    List<BgpEvent> history() {
        open();
        return List.copyOf(history);
    }

    /** Every record so far, one line each, times relative to {@code t0}: what the replay and the tests opened. */
    String describeHistory(java.time.Instant t0) {
        StringBuilder sb = new StringBuilder();
        for (BgpEvent e : history()) {
            sb.append(String.format("  event %-6s %-16s %-22s %-8s opened %+7.1f s%s%n", e.state(), e.kind(), e.prefix(),
                    e.severity(), (e.openedAtMs() - t0.toEpochMilli()) / 1000.0, e.closedAtMs() == null ? ""
                            : String.format(", closed %+7.1f s", (e.closedAtMs() - t0.toEpochMilli()) / 1000.0)));
        }
        return sb.toString();
    }

    /** The latest record of every event seen so far. */
    Map<String, BgpEvent> all() {
        open();
        return Map.copyOf(latest);
    }

    /**
     * The open records replaced by a re-emission of their event (same id, another severity) at or after
     * {@code sinceMs}, among the records read so far (by {@link #all()} or {@link #open()}).
     */
    List<BgpEvent> replacedSince(long sinceMs) {
        return replaced.stream().filter(r -> r.replacedAtMs() >= sinceMs).map(Replaced::was).toList();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

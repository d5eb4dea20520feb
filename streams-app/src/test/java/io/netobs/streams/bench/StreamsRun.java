package io.netobs.streams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology under test from start until its group has committed every input record, and
 * measures the stretch from RUNNING to that point. Under exactly-once a committed offset means the
 * record's state, changelog and output are committed with it, so "all committed" is "all done".
 */
final class StreamsRun implements AutoCloseable {
    final KafkaStreams streams;
    private final Properties client;
    private final String appId;
    private volatile long runningNanos;

    StreamsRun(Topology topology, Properties props, Properties client) {
        this.streams = new KafkaStreams(topology, props);
        this.client = client;
        this.appId = props.getProperty("application.id");
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && runningNanos == 0) {
                runningNanos = System.nanoTime();
            }
        });
    }

    /** Starts, waits until every record of {@code inputTopic} (and of the app's repartition topics) is committed. */
    Measure run(String stage, String inputTopic, long records, Duration timeout) throws Exception {
        return run(stage, inputTopic, records, timeout, null);
    }

    /**
     * As {@link #run(String, String, long, Duration)}, and once the input is consumed, runs
     * {@code thenSend} (which publishes more input) and waits for that too.
     */
    Measure run(String stage, String inputTopic, long records, Duration timeout, Runnable thenSend) throws Exception {
        Measure.Start m = Measure.start(appId);
        streams.start();
        try (Admin admin = Admin.create(client)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (runningNanos == 0) {
                check(deadline, stage + ": never RUNNING");
                Thread.sleep(5); // polling interval of the state check, not a wait for a result
            }
            Measure.Start fromRunning = m.fromNow();
            Runnable more = thenSend;
            while (true) {
                while (behind(admin, inputTopic)) {
                    check(deadline, stage + ": input not consumed within " + timeout);
                    Thread.sleep(20); // polling interval of the offset check
                }
                if (more == null) {
                    return fromRunning.stop(stage, records);
                }
                more.run();
                more = null;
            }
        }
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what);
        }
    }

    /**
     * The input topic has no transaction markers, so done there is committed == end. The repartition
     * topics' end offsets are final once the input is done, and each ends with the marker of the
     * last transaction that wrote to it, so committed >= end - 1 means all is processed.
     */
    boolean behind(Admin admin, String inputTopic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                .partitionsToOffsetAndMetadata().get();
        Set<String> repartitions = admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).collect(Collectors.toSet());
        if (behind(admin, committed, List.of(inputTopic), 0)) {
            return true;
        }
        return !repartitions.isEmpty() && behind(admin, committed, List.copyOf(repartitions), 1);
    }

    private static boolean behind(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed, List<String> topics,
                                  long slack) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        return admin.listOffsets(specs).all().get().entrySet().stream().anyMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            long end = e.getValue().offset();
            return end > 0 && (c == null ? 0 : c.offset()) < end - slack;
        });
    }

    /** Nanos of the first RUNNING, 0 before. */
    long runningNanos() {
        return runningNanos;
    }

    @Override
    public void close() {
        io.netobs.streams.StreamsMain.stop(streams);
    }
}

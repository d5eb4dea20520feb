package io.netobs.streams.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
    /** Instances of the app in this JVM ({@code -Dbench.instances}, default 1): scale-out by partition. */
    static final int INSTANCES = Integer.getInteger("bench.instances", 1);

    final KafkaStreams streams;
    /** Every instance, {@link #streams} first; each with its own state directory, all in one group. */
    final List<KafkaStreams> instances = new java.util.ArrayList<>();
    private final Properties client;
    private final String appId;
    private final java.util.Set<KafkaStreams> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile long runningNanos;

    StreamsRun(Topology topology, Properties props, Properties client) {
        this.client = client;
        this.appId = props.getProperty("application.id");
        for (int i = 0; i < INSTANCES; i++) {
            Properties own = new Properties();
            own.putAll(props);
            if (i > 0) {
                own.put("state.dir", props.getProperty("state.dir") + "-instance-" + i);
            }
            KafkaStreams instance = new KafkaStreams(topology, own);
            instance.setStateListener((now, before) -> {
                // The measure starts when every instance has been RUNNING once.
                if (now == KafkaStreams.State.RUNNING && running.add(instance) && running.size() == INSTANCES
                        && runningNanos == 0) {
                    runningNanos = System.nanoTime();
                }
            });
            instances.add(instance);
        }
        this.streams = instances.get(0);
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
        instances.forEach(KafkaStreams::start);
        try (Admin admin = Admin.create(client)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (runningNanos == 0) {
                check(deadline, stage + ": never RUNNING");
                Thread.sleep(5); // polling interval of the state check, not a wait for a result
            }
            Measure.Start fromRunning = m.fromNow();
            Runnable more = thenSend;
            while (true) {
                awaitCommitted(admin, endOffsets(admin, List.of(inputTopic)), deadline, stage);
                // Everything the input produced on the repartition topics is written by now.
                awaitCommitted(admin, endOffsets(admin, repartitionTopics(admin)), deadline, stage);
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
     * Polls the group's committed offsets (one request each time) until they reach {@code ends}. A
     * topic written in transactions ends with a commit marker: committed >= end - 1 is done there;
     * the loaded input topic has none, and a marker never follows a record of it.
     */
    private void awaitCommitted(Admin admin, Map<TopicPartition, Long> ends, long deadline, String stage)
            throws Exception {
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(appId)
                    .partitionsToOffsetAndMetadata().get();
            boolean done = ends.entrySet().stream().allMatch(e -> {
                OffsetAndMetadata c = committed.get(e.getKey());
                long slack = e.getKey().topic().endsWith("-repartition") ? 1 : 0;
                return e.getValue() == 0 || (c != null && c.offset() >= e.getValue() - slack);
            });
            if (done) {
                return;
            }
            check(deadline, stage + ": input not consumed in time");
            Thread.sleep(200); // polling interval of the offset check (each costs the admin client and broker work)
        }
    }

    private List<String> repartitionTopics(Admin admin) throws Exception {
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).toList();
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, d) -> d.partitions()
                .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Prints what the run wrote per input record: log entries (records and commit markers) and bytes
     * on disk of the app's internal topics (changelogs, repartitions) and of {@code outputs} (which the
     * caller makes sure this run alone wrote to since they were created). Writes are what the broker,
     * sharing the cores with the app, has to handle besides the input fetches.
     */
    void printWrites(List<String> outputs, long inputRecords) throws Exception {
        try (Admin admin = Admin.create(client)) {
            List<String> topics = new java.util.ArrayList<>(admin.listTopics().names().get().stream()
                    .filter(t -> t.startsWith(appId + "-")).sorted().toList());
            topics.addAll(outputs);
            Map<TopicPartition, Long> ends = endOffsets(admin, topics);
            Map<String, Long> bytes = new HashMap<>();
            admin.describeLogDirs(admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList())
                    .allDescriptions().get().values().forEach(dirs -> dirs.values().forEach(d -> d.replicaInfos()
                            .forEach((tp, r) -> bytes.merge(tp.topic(), r.size(), Long::sum))));
            for (String t : topics) {
                long entries = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(t))
                        .mapToLong(Map.Entry::getValue).sum();
                long b = bytes.getOrDefault(t, 0L);
                System.out.printf("  wrote %-58s %,11d entries (%.3f per input record) %,14d bytes (%.0f per input record)%n",
                        t.startsWith(appId + "-") ? t.substring(appId.length() + 1) : t, entries,
                        entries / (double) inputRecords, b, b / (double) inputRecords);
            }
        }
    }

    /** Nanos of the first RUNNING, 0 before. */
    long runningNanos() {
        return runningNanos;
    }

    @Override
    public void close() {
        instances.forEach(io.netobs.streams.StreamsMain::stop);
    }
}

package io.netobs.streams.bench;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.DeadLetterCounts;
import io.netobs.streams.NetobsTopology;
import io.netobs.streams.StreamsSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Throughput of the canary pipeline on the embedded broker (a benchmark, not a test: it prints
 * figures and asserts nothing). Loads N results (default 1,000,000 over 10,000 targets, 4
 * partitions; see {@link BenchmarkLoad}), then measures, in one JVM:
 * <ol>
 *   <li>the limit: one plain {@code KafkaConsumer} reading the topic and decoding every record into
 *       {@link CanaryResult} (the same serde and validation the app uses);</li>
 *   <li>the streams app, exactly-once v2, from RUNNING (first record) to the last closed window on
 *       canary-aggregates, read by a read_committed consumer.</li>
 * </ol>
 * Run: {@code mvn -pl streams-app -q exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.netobs.streams.bench.CanaryPipelineBenchmark [-Dbench.n=200000]
 * [-Dbench.targets=10000] [-Dbench.partitions=4] [-Dbench.unkeyed=0.0] [-Dbench.threads=1]
 * [-Dbench.commit.interval.ms=..] [-Dbench.processing.guarantee=..] [-Dbench.statestore.cache.max.bytes=..]}.
 * bench.unkeyed is the share of results sent without a key (as the seed does), which go through
 * the repartition topic.
 */
public final class CanaryPipelineBenchmark {
    private CanaryPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 1_000_000);
        int targets = Integer.getInteger("bench.targets", 10_000);
        int partitions = Integer.getInteger("bench.partitions", 4);
        double unkeyed = Double.parseDouble(System.getProperty("bench.unkeyed", "0.0"));
        int threads = Integer.getInteger("bench.threads", 1);
        Path dir = Files.createTempDirectory("netobs-bench");
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Map.of(Topics.CANARY_RESULTS, partitions, Topics.CANARY_AGGREGATES, partitions,
                    Topics.DEAD_LETTERS, 1));
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            System.out.printf("loading %,d results over %,d targets into %d partitions (%.0f%% without key)...%n",
                    n, targets, partitions, unkeyed * 100);
            BenchmarkLoad load = BenchmarkLoad.publish(client, n, targets, partitions, unkeyed);
            System.out.printf("loaded in %.1f s; %,d windows will close%n", load.seconds(), load.expectedAggregates());

            resetPeaks();
            double consumerRate = plainConsumer(client, load.totalRecords());
            long consumerHeap = peakHeap();

            resetPeaks();
            double[] streams = streamsApp(client, dir.resolve("state"), load, threads);
            long streamsHeap = peakHeap();

            System.out.println();
            System.out.printf("machine: %d cores, %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("(a) plain consumer + decode : %,10.0f records/s   peak heap %,d MB%n", consumerRate, consumerHeap >> 20);
            System.out.printf("(b) streams app, EOS v2      : %,10.0f records/s   peak heap %,d MB (%.1f s from RUNNING; %.1f s incl. start-up)%n",
                    n / streams[0], streamsHeap >> 20, streams[0], streams[1]);
            System.out.printf("ratio (b)/(a)                : %.2f%n", (n / streams[0]) / consumerRate);
        }
    }

    static double plainConsumer(Properties client, long total) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long seen = 0;
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(Topics.CANARY_RESULTS));
            while (seen < total) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    CanaryResult result = PayloadSerdes.CANARY_RESULT.deserialize(r.topic(), r.value());
                    if (result.target() == null) {
                        throw new IllegalStateException("decoded a result without target");
                    }
                    seen++;
                }
            }
        }
        return seen / ((System.nanoTime() - start) / 1e9);
    }

    /** Seconds from RUNNING to the last expected aggregate, and from start() to it. */
    static double[] streamsApp(Properties client, Path stateDir, BenchmarkLoad load, int threads) throws Exception {
        AppConfig cfg = AppConfig.fromEnv(Map.of("NETOBS_STREAM_THREADS", Integer.toString(threads)), Optional.empty())
                .withState("netobs-bench-" + System.nanoTime(), stateDir);
        Properties props = StreamsSettings.of(client, cfg, new DeadLetterCounts());
        // Optional overrides to see what limits the rate; the figures reported use the defaults.
        for (String name : List.of("commit.interval.ms", "processing.guarantee", "statestore.cache.max.bytes")) {
            String v = System.getProperty("bench." + name);
            if (v != null) {
                props.put(name, v);
            }
        }
        long started = System.nanoTime();
        long cpuAtStart = processCpuNanos();
        long[] running = {0};
        try (KafkaStreams streams = new KafkaStreams(NetobsTopology.build(cfg), props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING && running[0] == 0) {
                    running[0] = System.nanoTime();
                }
            });
            streams.start();
            BenchmarkLoad.awaitAggregates(client, load.expectedAggregates(), Duration.ofMinutes(30));
            long done = System.nanoTime();
            // On a shared machine wall time includes waiting for a core: CPU time says what the app cost.
            System.out.printf("  stream threads CPU %.1f s, process CPU %.1f s over %.1f s wall%n",
                    streamThreadCpuNanos() / 1e9, (processCpuNanos() - cpuAtStart) / 1e9, (done - running[0]) / 1e9);
            // Where the stream thread spent its time: the thread-level ratios of KIP-444.
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && (name.name().endsWith("-ratio")
                        || name.name().equals("blocked-time-ns-total") || name.name().endsWith("-latency-avg"))) {
                    System.out.printf("  %-28s %s%n", name.name(), metric.metricValue());
                }
            });
            return new double[] {(done - running[0]) / 1e9, (done - started) / 1e9};
        }
    }

    /** CPU time of the live stream threads (not their producers' network threads). */
    static long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("-StreamThread-") && !t.getThreadName().contains("producer")) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    static long processCpuNanos() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
    }

    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    static Instant t0() {
        return Instant.parse("2026-03-01T00:00:00Z");
    }
}

package io.netobs.streams.bench;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.AppConfig;
import io.netobs.streams.NetobsTopology;
import io.netobs.streams.StreamsSettings;
import io.netobs.streams.bgp.BgpModule;
import io.netobs.streams.bgp.VrpSet;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.state.SeriesRecord;
import io.netobs.streams.http.LocalStores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The pipeline benchmark (not a test: it prints figures). One JVM, one embedded broker, and for each
 * input side by side on the same loaded topic:
 * <ol type="a">
 *   <li>the limit: a plain {@code KafkaConsumer} decoding every record (the app's JSON serde);</li>
 *   <li>the framework's ceiling: a trivial Kafka Streams topology (count per key; for unkeyed input
 *       re-key by target through one repartition first) under the app's exactly-once settings;</li>
 *   <li>the netobs canary topology, from RUNNING until every result is committed, with the closed
 *       windows on canary-aggregates and the totals in the stores checked exactly;</li>
 *   <li>the netobs BGP topology on bgp-updates;</li>
 *   <li>a clean stop and start of (c) on its state: seconds to RUNNING and to exact totals readable.</li>
 * </ol>
 * Canary input: N results over T targets (10,000 by default), three canaries each, spread over at
 * least 11 one-minute windows, keyed by target (the agent) and without key (the seed).
 * Run: {@code mvn -B -q -pl streams-app test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.netobs.streams.bench.PipelineBenchmark [-Dbench.n=1000000] [-Dbench.targets=10000]
 * [-Dbench.partitions=4] [-Dbench.bgp.n=1000000] [-Dbench.phases=keyed,unkeyed,bgp] [-Dbench.instances=1]}.
 */
public final class PipelineBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final AtomicLong RUN = new AtomicLong();
    private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("bench.warmup", "true"));

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 1_000_000);
        int targets = Integer.getInteger("bench.targets", 10_000);
        int partitions = Integer.getInteger("bench.partitions", 4);
        int bgpN = Integer.getInteger("bench.bgp.n", 1_000_000);
        List<String> phases = List.of(System.getProperty("bench.phases", "keyed,unkeyed,bgp").split(","));
        Path dir = Files.createTempDirectory("netobs-bench");
        List<Measure> results = new ArrayList<>();
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            for (String phase : phases) {
                switch (phase) {
                    case "keyed", "unkeyed" -> canary(broker, client, dir, n, targets, partitions, phase.equals("keyed"), results);
                    case "bgp" -> bgp(broker, client, dir, bgpN, partitions, results);
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
            }
        }
        print(results);
    }

    private static void canary(EmbeddedKafka broker, Properties client, Path dir, int n, int targets, int partitions,
                               boolean keyed, List<Measure> results) throws Exception {
        recreate(broker, client, Map.of(Topics.CANARY_RESULTS, partitions, Topics.CANARY_AGGREGATES, partitions,
                Topics.DEAD_LETTERS, 1));
        String kind = keyed ? "keyed" : "unkeyed";
        System.out.printf("%nloading %,d %s results over %,d targets into %d partitions...%n", n, kind, targets, partitions);
        BenchmarkLoad load = BenchmarkLoad.publish(client, n, targets, partitions, keyed);
        System.out.printf("loaded in %.1f s; %,d windows will close%n", load.seconds(), load.expectedAggregates());

        results.add(plainConsumer("(a) plain consumer, " + kind, client, Topics.CANARY_RESULTS, load.dataRecords(),
                v -> PayloadSerdes.CANARY_RESULT.deserialize(Topics.CANARY_RESULTS, v)));

        if (WARM_UP) {
            // The JIT compiles a topology's code during its first run: up to a quarter of the CPU of a
            // run this short. A long-running app pays that once, so each topology runs once unmeasured.
            warmUp(trivial(keyed), config(dir, "warmup-trivial"), client, load.dataRecords());
            AppConfig warm = config(dir, "warmup-netobs");
            warmUp(NetobsTopology.build(warm), warm, client, load.dataRecords());
            recreate(broker, client, Map.of(Topics.CANARY_AGGREGATES, partitions)); // only the measured run's windows
        }
        AppConfig trivialCfg = config(dir, "bench-trivial");
        try (StreamsRun run = new StreamsRun(trivial(keyed), settings(client, trivialCfg), client)) {
            results.add(run.run("(b) trivial Streams count, EOS, " + kind, Topics.CANARY_RESULTS, load.dataRecords(), TIMEOUT));
            run.printWrites(List.of(), load.dataRecords());
        }

        AppConfig cfg = config(dir, "bench-netobs");
        Properties props = settings(client, cfg);
        try (StreamsRun run = new StreamsRun(NetobsTopology.build(cfg), props, client)) {
            results.add(run.run("(c) netobs canary topology, " + kind, Topics.CANARY_RESULTS, load.totalRecords(), TIMEOUT,
                    () -> load.publishClocks(client)));
            run.printWrites(List.of(Topics.CANARY_AGGREGATES), load.totalRecords());
            long totals = run.instances.stream().mapToLong(PipelineBenchmark::totals).sum();
            long aggregates = committedRecords(client, Topics.CANARY_AGGREGATES);
            System.out.printf("  exact: %,d results in the stores' totals (expected %,d), %,d closed windows published"
                    + " (expected %,d), %,d late%n", totals, load.totalRecords(), aggregates, load.expectedAggregates(),
                    run.instances.stream().mapToLong(PipelineBenchmark::late).sum());
            if (totals != load.totalRecords() || aggregates != load.expectedAggregates()) {
                throw new IllegalStateException("the canary topology's output is wrong; figures not valid");
            }
        }
        if (keyed && StreamsRun.INSTANCES == 1) {
            results.add(restart(client, props, cfg, load.totalRecords()));
        }
    }

    /** Runs a topology over the loaded input once, unmeasured. */
    private static void warmUp(Topology topology, AppConfig cfg, Properties client, long records) throws Exception {
        try (StreamsRun run = new StreamsRun(topology, settings(client, cfg), client)) {
            Measure m = run.run("warm-up " + cfg.applicationId(), Topics.CANARY_RESULTS, records, TIMEOUT);
            System.out.printf("  warm-up %s: %,.0f records/s (not counted)%n", cfg.applicationId(), m.rate());
        }
    }

    /** A clean stop (above) and a start on the same state: seconds to RUNNING and to exact totals readable. */
    private static Measure restart(Properties client, Properties props, AppConfig cfg, long expected) throws Exception {
        AtomicLong restored = new AtomicLong();
        KafkaStreams streams = new KafkaStreams(NetobsTopology.build(cfg), props);
        streams.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition tp, String store, long start, long end) {
            }

            @Override
            public void onBatchRestored(TopicPartition tp, String store, long batchEnd, long n) {
                restored.addAndGet(n);
            }

            @Override
            public void onRestoreEnd(TopicPartition tp, String store, long total) {
            }
        });
        long[] running = {0};
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && running[0] == 0) {
                running[0] = System.nanoTime();
            }
        });
        Measure.Start m = Measure.start(cfg.applicationId());
        long t0 = System.nanoTime();
        streams.start();
        try {
            long deadline = t0 + TIMEOUT.toNanos();
            long totals = -1;
            while (totals != expected && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling interval of the readiness check
                if (running[0] != 0) {
                    totals = totals(streams);
                }
            }
            Measure done = m.stop("(e) restart of (c) to exact totals", expected);
            System.out.printf("  restart: RUNNING after %.2f s, totals exact (%,d) after %.2f s; %,d changelog records"
                    + " restored%n", (running[0] - t0) / 1e9, totals, done.seconds(), restored.get());
            return done;
        } finally {
            io.netobs.streams.StreamsMain.stop(streams);
        }
    }

    private static void bgp(EmbeddedKafka broker, Properties client, Path dir, int n, int partitions,
                            List<Measure> results) throws Exception {
        int prefixes = Integer.getInteger("bench.prefixes", 1000);
        int peers = Integer.getInteger("bench.peers", 100);
        recreate(broker, client, Map.of(Topics.BGP_UPDATES, partitions, Topics.BGP_EVENTS, partitions, Topics.DEAD_LETTERS, 1));
        Path yaml = dir.resolve("prefixes.yml");
        Files.writeString(yaml, BgpLoad.yaml(prefixes));
        MonitoredPrefixes config = MonitoredPrefixes.load(yaml);
        VrpSet vrps = VrpSet.of(config.monitored().stream()
                .map(p -> new VrpSet.Vrp(p.prefix(), 24, p.originAsns().iterator().next())).toList());
        System.out.printf("%nloading %,d BGP updates (%,d monitored prefixes, %d peers) into %d partitions...%n",
                n, prefixes, peers, partitions);
        long t = System.nanoTime();
        BgpLoad.load(client, n, prefixes, peers);
        System.out.printf("loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);
        results.add(plainConsumer("(a) plain consumer, BGP updates", client, Topics.BGP_UPDATES, n,
                v -> PayloadSerdes.BGP_UPDATE.deserialize(Topics.BGP_UPDATES, v)));
        BgpModule module = BgpModule.of(config, vrps);
        if (WARM_UP) {
            AppConfig warm = config(dir, "warmup-bgp");
            StreamsBuilder wb = new StreamsBuilder();
            module.addTo(wb, warm);
            try (StreamsRun run = new StreamsRun(wb.build(), settings(client, warm), client)) {
                Measure m = run.run("warm-up bgp", Topics.BGP_UPDATES, n, TIMEOUT);
                System.out.printf("  warm-up %s: %,.0f updates/s (not counted)%n", warm.applicationId(), m.rate());
            }
            recreate(broker, client, Map.of(Topics.BGP_EVENTS, partitions)); // only the measured run's events
        }
        AppConfig cfg = config(dir, "bench-bgp");
        StreamsBuilder builder = new StreamsBuilder();
        module.addTo(builder, cfg);
        try (StreamsRun run = new StreamsRun(builder.build(), settings(client, cfg), client)) {
            results.add(run.run("(d) netobs BGP topology", Topics.BGP_UPDATES, n, TIMEOUT));
            run.printWrites(List.of(Topics.BGP_EVENTS), n);
        }
        System.out.printf("  bgp-events written: %,d%n", committedRecords(client, Topics.BGP_EVENTS));
    }

    /**
     * The app's Streams settings, with any {@code -Dbench.streams.<property>=<value>} on top (the same
     * for every topology of the run), to see what a setting such as the commit interval changes.
     */
    private static Properties settings(Properties client, AppConfig cfg) {
        Properties p = StreamsSettings.of(client, cfg);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> p.put(k.substring("bench.streams.".length()), System.getProperty(k)));
        return p;
    }

    /** The (b) topology: count per key, after a re-key by target for unkeyed input. */
    static Topology trivial(boolean keyed) {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, byte[]> in = b.stream(Topics.CANARY_RESULTS, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        if (!keyed) {
            in = in.selectKey((k, v) -> target(v))
                    .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("bench-by-target"));
        }
        in.groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray())).count(Materialized.as("bench-count"));
        return b.build();
    }

    /** The target of a seed-shaped result by a byte scan: the cheapest re-key there is. */
    private static String target(byte[] v) {
        String s = new String(v, StandardCharsets.ISO_8859_1);
        int i = s.indexOf("\"target\": \"") + 11;
        return s.substring(i, s.indexOf('"', i));
    }

    private static AppConfig config(Path dir, String name) {
        String id = name + "-" + RUN.incrementAndGet();
        return AppConfig.fromEnv(Map.of(), Optional.empty()).withState(id, dir.resolve("state-" + id))
                .withInputPartitions(Integer.getInteger("bench.partitions", 4));
    }

    private static Measure plainConsumer(String stage, Properties client, String topic, long total,
                                         Function<byte[], Object> decode) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-plain-" + RUN.incrementAndGet());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        Measure.Start m = Measure.start(null);
        long seen = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (seen < total) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (decode.apply(r.value()) == null) {
                        throw new IllegalStateException("decoded nothing");
                    }
                    seen++;
                }
            }
        }
        return m.stop(stage, seen);
    }

    /** Results counted late by a running (c). */
    private static long late(KafkaStreams streams) {
        try (KeyValueIterator<String, Long> it = LocalStores.of(streams).<Long>keyValue(CanaryNames.STORE_COUNTERS).all()) {
            long late = 0;
            while (it.hasNext()) {
                var kv = it.next();
                if (kv.key.equals(io.netobs.streams.state.Counters.LATE)) {
                    late += kv.value;
                }
            }
            return late;
        }
    }

    /** Sum of every series' results over the stores of a running (c). */
    private static long totals(KafkaStreams streams) {
        try (KeyValueIterator<String, SeriesRecord> it = LocalStores.of(streams)
                .<SeriesRecord>keyValue(CanaryNames.STORE_SERIES).all()) {
            long sum = 0;
            while (it.hasNext()) {
                for (long c : it.next().value.last.statusTotals) {
                    sum += c;
                }
            }
            return sum;
        } catch (RuntimeException e) {
            return -1; // not queryable yet
        }
    }

    private static void recreate(EmbeddedKafka broker, Properties client, Map<String, Integer> topics) throws Exception {
        try (Admin admin = Admin.create(client)) {
            var existing = admin.listTopics().names().get();
            List<String> gone = topics.keySet().stream().filter(existing::contains).toList();
            admin.deleteTopics(gone).all().get();
            for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; ) {
                if (admin.listTopics().names().get().stream().noneMatch(gone::contains)) {
                    break;
                }
                Thread.sleep(100); // polling interval of the deletion check
            }
        }
        broker.createTopics(topics);
    }

    /** Records of {@code topic} a read_committed consumer sees from the start. */
    private static long committedRecords(Properties client, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer(client), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> parts = partitions(c, topic);
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long n = 0;
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                n += c.poll(Duration.ofMillis(200)).count();
            }
            return n;
        }
    }

    private static Properties consumer(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, String topic) {
        return c.partitionsFor(topic).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private static void print(List<Measure> results) {
        System.out.printf("%nmachine: %d cores, %s %s, max heap %d MB, broker in the same JVM%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf("%-44s %10s %8s %11s %14s %9s %9s %11s%n", "stage", "records", "seconds", "records/s",
                "stream us/rec", "proc CPU", "heap MB", "load 1m");
        for (Measure m : results) {
            System.out.printf("%-44s %,10d %8.1f %,11.0f %14s %8.1fs %9d %5s->%-5s%n", m.stage(), m.records(),
                    m.seconds(), m.rate(), Double.isNaN(m.cpuMicrosPerRecord()) ? "-"
                            : String.format("%.1f", m.cpuMicrosPerRecord()),
                    m.processCpuSeconds(), m.peakHeapBytes() >> 20, m.loadBefore(), m.loadAfter());
        }
        for (String kind : List.of("keyed", "unkeyed")) {
            Measure a = find(results, "(a) plain consumer, " + kind);
            Measure b = find(results, "(b) trivial Streams count, EOS, " + kind);
            Measure c = find(results, "(c) netobs canary topology, " + kind);
            if (a != null && b != null && c != null) {
                System.out.printf("%s: (c)/(b) = %.2f (goal >= 0.8), (c)/(a) = %.2f (goal >= 0.5), (c) = %,.0f/s (goal >= 100,000)%n",
                        kind, c.rate() / b.rate(), c.rate() / a.rate(), c.rate());
            }
        }
        Measure d = find(results, "(d) netobs BGP topology");
        if (d != null) {
            System.out.printf("bgp: (d) = %,.0f updates/s (goal >= 50,000)%n", d.rate());
        }
        Measure e = find(results, "(e) restart of (c) to exact totals");
        if (e != null) {
            System.out.printf("restart: %.2f s to exact totals (goal <= 5 s)%n", e.seconds());
        }
    }

    private static Measure find(List<Measure> results, String stage) {
        return results.stream().filter(m -> m.stage().equals(stage)).findFirst().orElse(null);
    }
}

package io.netobs.streams.bench;

import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.AppConfig;
import io.netobs.streams.DeadLetterCounts;
import io.netobs.streams.StreamsSettings;
import io.netobs.streams.bgp.BgpModule;
import io.netobs.streams.bgp.BgpNames;
import io.netobs.streams.bgp.VrpSet;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Throughput of the BGP topology alone on the embedded broker (a benchmark, not a test: it prints
 * figures and asserts nothing), the "topology" stage next to bgp-ingest's parser and producer stages.
 *
 * <p>Load: N updates (default 1,000,000) keyed by prefix over M monitored /22s (default 1,000, each
 * with its own expected origin and a VRP for it up to /24) seen by P peers (default 100) on five
 * collectors: 70% on the monitored prefix itself, 30% on one of its two /23s or four /24s; 10%
 * withdrawals; 1% of announcements by one wrong origin per prefix, so ORIGIN_HIJACK and RPKI_INVALID
 * events open when two peers carry it and close when the last one moves back.
 *
 * <p>Measured with the app's Streams properties (exactly-once v2), from RUNNING until the group's committed
 * offsets reach the end of bgp-updates and of the repartition topic. Peak heap includes the broker (same JVM).
 * Run: {@code mvn -B -q -o -pl streams-app test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.netobs.streams.bench.BgpPipelineBenchmark [-Dbench.n=200000] [-Dbench.prefixes=1000]
 * [-Dbench.peers=100] [-Dbench.partitions=4] [-Dbench.rpki=true]}.
 */
public final class BgpPipelineBenchmark {
    private BgpPipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.n", 1_000_000);
        int prefixes = Integer.getInteger("bench.prefixes", 1000);
        int peers = Integer.getInteger("bench.peers", 100);
        int partitions = Integer.getInteger("bench.partitions", 4);
        boolean rpki = Boolean.parseBoolean(System.getProperty("bench.rpki", "true"));
        Path dir = Files.createTempDirectory("netobs-bgp-bench");
        Path yaml = dir.resolve("prefixes.yml");
        Files.writeString(yaml, yaml(prefixes));
        MonitoredPrefixes config = MonitoredPrefixes.load(yaml);
        VrpSet vrps = rpki ? VrpSet.of(config.monitored().stream()
                .map(p -> new VrpSet.Vrp(p.prefix(), 24, p.originAsns().iterator().next())).toList()) : null;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir.resolve("kafka"), 0)) {
            broker.createTopics(Topics.ALL.stream().collect(Collectors.toMap(t -> t, t -> partitions)));
            Properties client = new Properties();
            client.put("bootstrap.servers", broker.bootstrapServers());
            System.out.printf("loading %,d updates (%,d monitored prefixes, %d peers) into %d partitions...%n",
                    n, prefixes, peers, partitions);
            long t = System.nanoTime();
            load(client, n, prefixes, peers);
            System.out.printf("loaded in %.1f s%n", (System.nanoTime() - t) / 1e9);

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            String appId = "netobs-bgp-bench-" + System.nanoTime();
            double[] s = run(client, dir.resolve("state"), appId, BgpModule.of(config, vrps));
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            Map<String, Long> events = countEvents(client);

            System.out.println();
            System.out.printf("machine: %d cores, %s %s, max heap %d MB%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20);
            System.out.printf("BGP topology, EOS v2 : %,10.0f records/s (%,d updates in %.1f s from RUNNING; %.1f s incl. start-up)%n",
                    n / s[0], n, s[0], s[1]);
            System.out.printf("  CPU of the process : %.1f s over that wall time%n", s[2]);
            System.out.printf("  bgp-events written : %,d %s (RPKI %s)%n",
                    events.values().stream().mapToLong(Long::longValue).sum(), events, rpki ? "on" : "off");
            System.out.printf("  peak heap          : %,d MB (broker, loader leftovers and Streams in one JVM)%n", heap >> 20);
        }
    }

    /** The monitored set: /22s with one expected origin each, in BGPalerter's layout. */
    static String yaml(int prefixes) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < prefixes; i++) {
            y.append(monitored(i)).append(":\n  description: bench ").append(i).append("\n  asn: ").append(origin(i))
                    .append("\n  ignoreMorespecifics: false\n  group: bench-").append(i % 10).append('\n');
        }
        return y.append("options:\n  minPeers: 2\n  maxMoreSpecifics: 256\n").toString();
    }

    static String monitored(int i) {
        return "44." + (i >> 6) + "." + ((i & 63) << 2) + ".0/22";
    }

    static long origin(int i) {
        return 200_000L + i;
    }

    /** Sub-prefix {@code s} of monitored prefix {@code i}: 0 the /22, 1-2 its /23s, 3-6 its /24s. */
    static String subPrefix(int i, int s) {
        String a = "44." + (i >> 6) + ".";
        int third = (i & 63) << 2;
        if (s == 0) {
            return monitored(i);
        }
        return s <= 2 ? a + (third + 2 * (s - 1)) + ".0/23" : a + (third + s - 3) + ".0/24";
    }

    static void load(Properties client, int n, int prefixes, int peers) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        SplittableRandom rnd = new SplittableRandom(42);
        // Recent BGP times, in order, never in the future (the broker refuses those) and well inside
        // the topic's retention (older segments would be deleted under the benchmark).
        long step = Math.max(1, 6_000_000L / n);
        long t0 = System.currentTimeMillis() - 7_200_000L;
        try (KafkaProducer<String, BgpUpdate> producer = new KafkaProducer<>(p, new StringSerializer(),
                PayloadSerdes.BGP_UPDATE.serializer())) {
            for (int k = 0; k < n; k++) {
                int i = rnd.nextInt(prefixes);
                int peer = rnd.nextInt(peers);
                String prefix = subPrefix(i, rnd.nextInt(10) < 7 ? 0 : 1 + rnd.nextInt(6));
                long t = t0 + k * step;
                long peerAsn = 64_512L + peer;
                String peerIp = "198.51.100." + (peer + 1);
                String collector = "rrc0" + (peer % 5);
                BgpUpdate u;
                if (rnd.nextInt(10) == 0) {
                    u = new BgpUpdate(1, t, collector, "ris", peerIp, peerAsn, BgpUpdate.Kind.WITHDRAW, prefix,
                            List.of(), null, List.of(), null, List.of(), "ris-live");
                } else {
                    long origin = rnd.nextInt(100) == 0 ? 64_496L + i % 16 : origin(i);
                    long upstream = peer % 2 == 0 ? 3356L : 174L;
                    u = new BgpUpdate(1, t, collector, "ris", peerIp, peerAsn, BgpUpdate.Kind.ANNOUNCE, prefix,
                            List.of(peerAsn, upstream, origin), null, List.of(origin), peerIp,
                            List.of(peerAsn + ":100"), "ris-live");
                }
                producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, t, prefix, u));
            }
            producer.flush();
        }
    }

    /** Seconds from RUNNING to all input committed, from start() to it, and process CPU seconds. */
    static double[] run(Properties client, Path stateDir, String appId, BgpModule bgp) throws Exception {
        AppConfig cfg = AppConfig.fromEnv(Map.of(), Optional.of(bgp)).withState(appId, stateDir);
        Properties props = StreamsSettings.of(client, cfg, new DeadLetterCounts());
        StreamsBuilder builder = new StreamsBuilder();
        bgp.addTo(builder);
        var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        long started = System.nanoTime();
        long[] running = {0, 0};
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props); Admin admin = Admin.create(client)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING && running[0] == 0) {
                    running[1] = os.getProcessCpuTime();
                    running[0] = System.nanoTime();
                }
            });
            streams.start();
            awaitConsumed(admin, appId, Duration.ofMinutes(60));
            long done = System.nanoTime();
            // Where the stream thread spent its time (KIP-444 ratios), to see what limits the rate.
            streams.metrics().forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && name.name().endsWith("-ratio")) {
                    System.out.printf("  %-18s %s%n", name.name(), metric.metricValue());
                }
            });
            return new double[] {(done - running[0]) / 1e9, (done - started) / 1e9,
                (os.getProcessCpuTime() - running[1]) / 1e9};
        }
    }

    /**
     * Polls the group's committed offsets. bgp-updates has no transaction markers, so done there is
     * committed == end. Once it is done, the repartition topic's end offsets are final and each
     * ends with the marker of the last transaction that wrote to it, so committed >= end - 1
     * means every repartitioned update was processed and committed.
     */
    static void awaitConsumed(Admin admin, String appId, Duration timeout) throws Exception {
        String repartition = appId + "-" + BgpNames.REPARTITION + "-repartition";
        for (long deadline = System.nanoTime() + timeout.toNanos(); System.nanoTime() < deadline; ) {
            Thread.sleep(100); // polling interval of the offset check, not a wait for a result
            var committed = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get();
            if (!behind(admin, committed, Topics.BGP_UPDATES, 0) && !behind(admin, committed, repartition, 1)) {
                return;
            }
        }
        throw new IllegalStateException("input not consumed within " + timeout);
    }

    private static boolean behind(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed, String topic,
                                  long slack) throws Exception {
        var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> specs = description.partitions().stream()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return admin.listOffsets(specs).all().get().entrySet().stream().anyMatch(e -> {
            OffsetAndMetadata c = committed.get(e.getKey());
            return (c == null ? 0 : c.offset()) < e.getValue().offset() - slack;
        });
    }

    /** bgp-events as a read_committed consumer sees them, by kind and state. */
    static Map<String, Long> countEvents(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> out = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(Topics.BGP_EVENTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    BgpEvent e = PayloadSerdes.BGP_EVENT.deserialize(r.topic(), r.value());
                    out.merge(e.kind() + " " + e.state(), 1L, Long::sum);
                });
            }
        }
        return out;
    }
}

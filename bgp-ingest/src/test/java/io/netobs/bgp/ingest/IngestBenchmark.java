package io.netobs.bgp.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Benchmark, not a test: frames/s of the RIS Live parser alone (one thread = one core) and of parser +
 * producer into the embedded broker. Frames are synthetic but shaped like the fixtures (IPv4 and IPv6
 * announcements, AS_SET, communities, withdrawals, peer-down), with fresh prefixes and timestamps for
 * every frame so the canonicalisation caches see realistic churn. Run from the repository root:
 * <pre>
 * mvn -B -q -pl bgp-ingest test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-cp %classpath io.netobs.bgp.ingest.IngestBenchmark 1000000"
 * </pre>
 * (exec:exec forks a JVM; exec:java would share Maven's and measure Maven as much as the parser.)
 */
public final class IngestBenchmark {
    private static final int CHUNK = 100_000;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "bgp-ingest benchmark: %,d synthetic RIS Live frames, %d cores visible%n",
                total, Runtime.getRuntime().availableProcessors());
        SyntheticFrames gen = new SyntheticFrames();
        RisLiveParser parser = new RisLiveParser("ris-live");
        parseOnly(parser, gen, CHUNK); // JIT warm-up, not counted
        double[] parsed = parseOnly(parser, gen, total);
        // CPU time of the parsing thread is the per-core figure; wall time also counts waiting for a
        // core on a shared machine (load average printed for that reason).
        System.out.printf(Locale.ROOT, "parser only (1 thread): %,.0f frames per CPU-second (per core), %,.0f frames/s wall; "
                        + "load average %.1f%n", parsed[0], parsed[1],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        Path dir = Files.createTempDirectory("netobs-bench");
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir, 0)) {
            broker.createTopics(Map.of(Topics.BGP_UPDATES, 6, Topics.DEAD_LETTERS, 1));
            Properties props = new Properties();
            props.setProperty("bootstrap.servers", broker.bootstrapServers());
            IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), System::currentTimeMillis);
            try (KafkaPublisher publisher = new KafkaPublisher(props, metrics)) {
                FrameRouter router = new FrameRouter(publisher, metrics);
                long nanos = 0;
                for (int done = 0; done < total; done += CHUNK) {
                    List<String> frames = gen.next(Math.min(CHUNK, total - done));
                    long t0 = System.nanoTime();
                    long n = done;
                    for (String f : frames) {
                        router.route(parser.parse(f), () -> f.getBytes(), "bench", ++n, t -> t);
                    }
                    nanos += System.nanoTime() - t0;
                }
                long t0 = System.nanoTime();
                publisher.flush();
                nanos += System.nanoTime() - t0;
                System.out.printf(Locale.ROOT, "parser + producer to embedded broker (acks=all, idempotent): %,.0f frames/s, "
                                + "%,.0f records/s (%,d records, %,d dead letters, %d publish errors)%n",
                        total / (nanos / 1e9), metrics.recordsPublished() / (nanos / 1e9), metrics.recordsPublished(),
                        metrics.framesDeadLetter(), metrics.publishErrors());
            }
        }
    }

    /** @return {frames per CPU-second, frames per wall-second} */
    private static double[] parseOnly(RisLiveParser parser, SyntheticFrames gen, int total) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu = 0;
        long nanos = 0;
        long records = 0;
        for (int done = 0; done < total; done += CHUNK) {
            List<String> frames = gen.next(Math.min(CHUNK, total - done));
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            for (String f : frames) {
                if (parser.parse(f) instanceof ParseResult.Updates u) {
                    records += u.updates().size();
                }
            }
            nanos += System.nanoTime() - t0;
            cpu += threads.getCurrentThreadCpuTime() - c0;
        }
        if (records == 0) {
            throw new IllegalStateException("no records parsed");
        }
        return new double[] {total / (cpu / 1e9), total / (nanos / 1e9)};
    }

    /** Fixture-shaped frames with a running counter for prefixes, peers and timestamps. */
    static final class SyntheticFrames {
        private long n;

        List<String> next(int count) {
            List<String> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(frame(n++));
            }
            return out;
        }

        private static String frame(long i) {
            long ts = 1_700_000_000L + i / 1000;
            String peer = "10." + (i % 200) + ".0." + (1 + i % 7);
            String v4 = (11 + (i >> 16) % 200) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + ".0/24";
            String v6 = "2001:db8:" + Long.toHexString((i >> 4) & 0xffff) + ":" + Long.toHexString(i & 0xf) + "00::/56";
            String head = "{\"type\":\"ris_message\",\"data\":{\"timestamp\":" + ts + ".89,\"peer\":\"" + peer + "\",\"peer_asn\":\""
                    + (64500 + i % 300) + "\",\"id\":\"" + peer + "-" + i + "\",\"host\":\"rrc" + (i % 26 < 10 ? "0" : "") + (i % 26)
                    + (i % 3 == 0 ? ".ripe.net" : "") + "\",";
            return switch ((int) (i % 10)) {
                case 0, 1, 2, 3 -> head + "\"type\":\"UPDATE\",\"path\":[11708,32097,1299,52320,263009,263009,52993,268481],"
                        + "\"origin\":\"igp\",\"announcements\":[{\"next_hop\":\"" + peer + "\",\"prefixes\":[\"" + v4 + "\"]}]}}";
                case 4 -> head + "\"type\":\"UPDATE\",\"path\":[57695,37650],\"community\":[[57695,12000],[57695,12001]],"
                        + "\"origin\":\"igp\",\"announcements\":[{\"next_hop\":\"" + peer + "\",\"prefixes\":[\"" + v4 + "\"]}]}}";
                case 5, 6 -> head + "\"type\":\"UPDATE\",\"path\":[2497,6453,18705,26281,[13340]],\"origin\":\"incomplete\","
                        + "\"aggregator\":\"26281:10.1.0.33\",\"announcements\":[{\"next_hop\":\"2001:504:1::a500:2497:1\",\"prefixes\":[\""
                        + v6 + "\"]},{\"next_hop\":\"fe80::86c1:c1ff:fe7d:6298\",\"prefixes\":[\"" + v6 + "\"]}]}}";
                case 7 -> head + "\"type\":\"UPDATE\",\"path\":[24482,30844,328471],\"community\":[[0,5713],[0,6939],[8714,65010],"
                        + "[24482,2],[24482,12010],[30844,27]],\"origin\":\"igp\",\"aggregator\":\"4200000002:10.102.100.2\","
                        + "\"announcements\":[{\"next_hop\":\"" + peer + "\",\"prefixes\":[\"" + v4 + "\",\"" + v4.replace(".0/24", ".0/25")
                        + "\"]}]}}";
                case 8 -> head + "\"type\":\"UPDATE\",\"path\":[],\"community\":[],\"announcements\":[],\"withdrawals\":[\""
                        + v6.replace("::/56", ":0:0:0:0/56") + "\"]}}";
                default -> i % 100 == 9 ? head + "\"type\":\"RIS_PEER_STATE\",\"state\":\"down\"}}"
                        : head + "\"type\":\"KEEPALIVE\"}}";
            };
        }
    }
}

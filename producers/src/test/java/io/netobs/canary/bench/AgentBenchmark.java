package io.netobs.canary.bench;

import io.netobs.canary.Agent;
import io.netobs.canary.AgentMain;
import io.netobs.canary.LoopbackHttpServer;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Benchmark (not a test): one agent probing N HTTP targets on a loopback server every interval, for
 * a duration, publishing to an embedded broker. Prints the agent's CPU (its own threads, via
 * ThreadMXBean; the whole process, which also hosts the HTTP server and the broker, for reference),
 * p50/p99 schedule lag and results/s delivered.
 *
 * <pre>
 * cd /work/main && mvn -B -q -pl producers test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.netobs.canary.bench.AgentBenchmark -Dexec.args="1000 5s 120s"
 * </pre>
 * Arguments: targets (1000), interval (5s), duration (120s).
 */
public final class AgentBenchmark {
    private AgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int targets = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String interval = args.length > 1 ? args[1] : "5s";
        Duration duration = Duration.ofSeconds(Long.parseLong((args.length > 2 ? args[2] : "120s").replace("s", "")));
        Path tmp = Files.createTempDirectory("netobs-agent-bench");
        EmbeddedKafka broker = EmbeddedKafka.start(tmp.resolve("kafka"), 0);
        broker.createTopics(Map.of(Topics.CANARY_RESULTS, 6));
        try (LoopbackHttpServer http = LoopbackHttpServer.http()) {
            StringBuilder yaml = new StringBuilder("canary_id: bench\nmax_concurrency: 32\nspool: {dir: \"")
                    .append(tmp.resolve("spool")).append("\"}\nprobes:\n  - type: http\n    interval: ").append(interval)
                    .append("\n    timeout: 2s\n    targets:\n");
            for (int i = 0; i < targets; i++) {
                yaml.append("      - ").append(http.url("/text?t=" + i)).append('\n');
            }
            Path cfg = Files.writeString(tmp.resolve("agent.yml"), yaml);
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", broker.bootstrapServers());
            Agent agent = AgentMain.launch(client, Map.of("NETOBS_AGENT_CONFIG", cfg.toString(), "NETOBS_AGENT_HTTP_PORT", "0",
                    "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"));
            // Warm-up: one full interval, so every target has had its first run and the JIT has settled.
            long warmMs = Duration.parse("PT" + interval.toUpperCase(Locale.ROOT)).toMillis();
            Thread.sleep(warmMs);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long agentCpu0 = agentCpuNanos(threads);
            long procCpu0 = os.getProcessCpuTime();
            double published0 = published(agent);
            java.util.List<Long> lags = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            agent.metrics().tapLag(lags::add);
            long t0 = System.nanoTime();
            Thread.sleep(duration.toMillis());
            agent.metrics().tapLag(n -> { });
            double secs = (System.nanoTime() - t0) / 1e9;
            long agentCpu = agentCpuNanos(threads) - agentCpu0;
            long procCpu = os.getProcessCpuTime() - procCpu0;
            double delivered = published(agent) - published0;
            long[] sorted;
            synchronized (lags) {
                sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            System.out.printf(Locale.ROOT, "targets=%d interval=%s measured=%.1fs cores=%d%n", targets, interval, secs,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "agent CPU (agent threads) = %.1f%% of one core; whole process (agent + loopback"
                    + " HTTP server + broker) = %.1f%% of one core%n", 100.0 * agentCpu / (secs * 1e9), 100.0 * procCpu / (secs * 1e9));
            System.out.printf(Locale.ROOT, "schedule lag over %d runs: p50 = %.2f ms, p99 = %.2f ms, max = %.2f ms%n",
                    sorted.length, pct(sorted, 0.50), pct(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            System.out.printf(Locale.ROOT, "machine load average (1 min) = %.2f on %d cores%n", os.getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "delivered = %.0f results, %.1f results/s (expected %.1f/s); spool depth at end = %d,"
                    + " dropped = %d%n", delivered, delivered / secs, targets * 1000.0 / warmMs, agent.spool().depth(),
                    agent.spool().dropped());
            agent.close();
        } finally {
            broker.stop();
        }
        System.exit(0);
    }

    private static double pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static double published(Agent a) {
        return a.metrics().registry().get("netobs.agent.results.published").counter().count();
    }

    /** CPU of the agent's own threads: probe workers, the spool sender and the Kafka producer's I/O thread. */
    private static long agentCpuNanos(ThreadMXBean mx) {
        long sum = 0;
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (ti == null) {
                continue;
            }
            String n = ti.getThreadName();
            if (n.startsWith("netobs-probe-") || n.equals("netobs-spool-sender") || n.startsWith("kafka-producer-network-thread")) {
                long c = mx.getThreadCpuTime(ti.getThreadId());
                sum += Math.max(0, c);
            }
        }
        return sum;
    }
}

package io.netobs.streams.fault;

import io.netobs.canary.AgentMain;
import io.netobs.canary.publish.Spool;
import io.netobs.canary.publish.SpoolSender;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The real canary agent in its own JVM, probing TCP listeners on loopback ports every 100 ms and
 * publishing through its spool, as it runs beside the platform. Its results are told apart on
 * canary-results by the spool sequence number each carries in a header.
 */
final class AgentProcess implements AutoCloseable {
    private final List<ServerSocket> listeners = new ArrayList<>();
    private final List<Thread> acceptors = new ArrayList<>();
    private final Path spool;
    private final Path log;
    private final Process process;

    private AgentProcess(Path dir, String bootstrap, int targets) throws IOException {
        StringBuilder yaml = new StringBuilder("canary_id: fault-agent\npop: test\nspool: {dir: \"" + dir.resolve("spool")
                + "\"}\nprobes:\n  - type: tcp\n    interval: 100ms\n    timeout: 80ms\n    targets:\n");
        for (int i = 0; i < targets; i++) {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            listeners.add(s);
            Thread t = new Thread(() -> acceptAndClose(s), "tcp-target-" + s.getLocalPort());
            t.setDaemon(true);
            t.start();
            acceptors.add(t);
            yaml.append("      - 127.0.0.1:").append(s.getLocalPort()).append('\n');
        }
        this.spool = dir.resolve("spool");
        this.log = dir.resolve("agent.log");
        Path config = Files.writeString(dir.resolve("agent.yml"), yaml);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                AgentMain.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("NETOBS_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(Map.of("NETOBS_AGENT_CONFIG", config.toString(), "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "NETOBS_AGENT_HTTP_PORT", Integer.toString(StreamsProcess.freePort()), "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"));
        this.process = pb.start();
    }

    /** Starts the agent with {@code targets} TCP targets; its spool and log live in {@code dir}. */
    static AgentProcess start(Path dir, String bootstrap, int targets) throws IOException {
        return new AgentProcess(Files.createDirectories(dir), bootstrap, targets);
    }

    private static void acceptAndClose(ServerSocket s) {
        while (!s.isClosed()) {
            try (Socket c = s.accept()) {
                c.getInputStream(); // a TCP probe only connects; nothing to serve
            } catch (IOException e) {
                // closed at the end of the test
            }
        }
    }

    /** SIGTERM: the agent's clean stop delivers what its spool still holds. */
    void stop() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the agent did not stop within 60 s of SIGTERM; log:\n" + Files.readString(log));
        }
    }

    /** Results the agent has probed so far (its spool's next sequence number); read after {@link #stop()}. */
    long probed() throws IOException {
        try (Spool s = Spool.open(spool, 1L << 30)) {
            return s.nextSeq();
        }
    }

    /** The agent's records among those read from canary-results, by spool sequence number; copies kept. */
    static Map<Long, List<ConsumerRecord<String, byte[]>>> bySeq(List<ConsumerRecord<String, byte[]>> records) {
        Map<Long, List<ConsumerRecord<String, byte[]>>> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            var h = r.headers().lastHeader(SpoolSender.SEQ_HEADER);
            if (h != null) {
                out.computeIfAbsent(Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII)),
                        k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** An agent's record as a {@link Sent}, from its own payload. */
    static Sent sent(ConsumerRecord<String, byte[]> r) {
        CanaryResult c = PayloadSerdes.CANARY_RESULT.deserialize(Topics.CANARY_RESULTS, r.value());
        Double latency = c.effectiveLatencyMs();
        return new Sent(c.target(), c.type(), c.canaryId(), c.status(), latency, c.packetLossPercent(),
                c.observedAt().orElseThrow().toEpochMilli(), r.key() != null, r.value());
    }

    @Override
    public void close() throws IOException {
        try {
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            for (ServerSocket s : listeners) {
                s.close();
            }
            for (Thread t : acceptors) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.netobs.infra.run;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.netobs.bgp.ingest.IngestMain;
import io.netobs.canary.AgentMain;
import io.netobs.canary.offline.LoopbackDnsServer;
import io.netobs.kafka.EmbeddedKafka;
import io.netobs.schema.KafkaSettings;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.StreamsMain;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one JVM: an embedded Kafka broker (unless the environment names a cluster),
 * the loopback DNS responder, the streams app, the canary agent and the BGP ingester, started in
 * that order through their public entry points and closed in reverse order. A component that
 * cannot go on completes {@link #failure()}: the runner then stops everything and exits non-zero.
 */
public final class EmbeddedRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRun.class);

    private final Map<String, String> env;
    private final Deque<Named> started = new ArrayDeque<>();
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private EmbeddedKafka broker;
    private boolean closed;

    private EmbeddedRun(Map<String, String> env) {
        this.env = env;
    }

    /** Starts everything; on any failure stops what already runs and rethrows. */
    public static EmbeddedRun start(Path workDir, Map<String, String> env) throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(RunSettings.complete(env, workDir));
        EmbeddedRun run = new EmbeddedRun(settings);
        try {
            run.startAll(workDir);
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startAll(Path workDir) throws Exception {
        if (KafkaSettings.namesCluster(env)) {
            LOG.info("netobs: Kafka       joining the configured cluster at {}", KafkaSettings.fromEnv(env).getProperty("bootstrap.servers"));
        } else {
            Path dataDir = workDir.resolve("kafka").toAbsolutePath();
            broker = EmbeddedKafka.start(dataDir, RunSettings.intSetting(env, RunSettings.KAFKA_PORT));
            int partitions = RunSettings.intSetting(env, RunSettings.PARTITIONS);
            Map<String, Integer> topics = new LinkedHashMap<>();
            Topics.ALL.forEach(t -> topics.put(t, partitions));
            broker.createTopics(topics, Topics::configs);
            env.put(KafkaSettings.ENV_BOOTSTRAP, broker.bootstrapServers());
            LOG.info("netobs: Kafka       embedded broker kafka://{} (data {}, {} topics x {} partitions)",
                    broker.bootstrapServers(), dataDir, topics.size(), partitions);
        }
        int dnsPort = RunSettings.intSetting(env, RunSettings.DNS_PORT);
        add("loopback DNS", "dns://127.0.0.1:" + dnsPort, LoopbackDnsServer.start(dnsPort));
        add("streams app", url(streamsHttpPort()), StreamsMain.launch(kafkaProps(), AppConfig.fromEnv(env),
                why -> failure.complete("streams app: " + why)));
        add("canary agent", url(agentHttpPort()), AgentMain.launch(kafkaProps(), env));
        String source = RunSettings.offline(env) ? " (replaying the bundled recording, offline)" : " (RIS Live)";
        add("BGP ingester", url(ingestHttpPort()) + source, IngestMain.launch(kafkaProps(), env));
    }

    private void add(String name, String where, AutoCloseable handle) {
        started.push(new Named(name, handle));
        LOG.info("netobs: {} {}", String.format("%-11s", name), where);
    }

    private static String url(int port) {
        return "http://127.0.0.1:" + port + "/metrics";
    }

    /** A fresh copy each time: a component may add its own client settings to the one it gets. */
    private Properties kafkaProps() {
        return KafkaSettings.fromEnv(env);
    }

    /** Completes with the reason when a component failed for good (the run must then end). */
    public CompletableFuture<String> failure() {
        return failure;
    }

    public String bootstrapServers() {
        return KafkaSettings.fromEnv(env).getProperty("bootstrap.servers");
    }

    public int streamsHttpPort() {
        return RunSettings.intSetting(env, RunSettings.STREAMS_PORT);
    }

    public int agentHttpPort() {
        return RunSettings.intSetting(env, RunSettings.AGENT_PORT);
    }

    public int ingestHttpPort() {
        return RunSettings.intSetting(env, RunSettings.INGEST_PORT);
    }

    /** Stops the components in reverse start order, then the broker; one failure does not stop the rest. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            Named c = started.pop();
            try {
                c.handle.close();
                LOG.info("netobs: stopped {}", c.name);
            } catch (Exception e) {
                LOG.warn("netobs: stopping {} failed: {}", c.name, e.toString());
            }
        }
        if (broker != null) {
            broker.stop();
            LOG.info("netobs: stopped the embedded Kafka broker");
        }
    }

    private record Named(String name, AutoCloseable handle) {
    }
}

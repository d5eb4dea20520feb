package io.netobs.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Kafka's own broker, in this JVM: one KRaft node in combined mode (broker + controller),
 * listening on 127.0.0.1 only. The data directory is formatted on the first start and kept by
 * {@link #stop()}; {@code start(sameDir, samePort)} resumes the same cluster with its topics and data.
 * Kafka logs through slf4j; no logging backend is imposed on the caller.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    private final KafkaRaftServer server;
    private final int port;
    private boolean stopped;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code dataDir} if it is new, then starts the node and returns once the broker is
     * registered and unfenced (ready for clients). {@code port} 0 picks a free loopback port.
     */
    public static EmbeddedKafka start(Path dataDir, int port) throws Exception {
        long t0 = System.nanoTime();
        Files.createDirectories(dataDir);
        Path logDir = dataDir.toAbsolutePath().resolve("logs");
        NodeState state = NodeState.load(dataDir);
        boolean fresh = state == null || !Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
        int brokerPort = port == 0 ? NodeState.freeLoopbackPort() : port;
        if (fresh) {
            String clusterId = state != null ? state.clusterId : Uuid.randomUuid().toString();
            state = NodeState.of(clusterId, NodeState.freeLoopbackPort());
            Files.createDirectories(logDir);
            format(logDir, state);
            state.save(dataDir);
        } else if (!NodeState.isFree(state.controllerPort)) {
            // The voter set is static (in the config, not the log), so moving the controller port is
            // safe; refusing to start because another program took it would not help anyone.
            LOG.warn("controller port {} is taken; moving the embedded controller to a new port", state.controllerPort);
            state = NodeState.of(state.clusterId, NodeState.freeLoopbackPort());
            state.save(dataDir);
        }
        KafkaConfig config = new KafkaConfig(BrokerProps.of(logDir, brokerPort, state.controllerPort), false);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            throw e;
        }
        LOG.info("embedded Kafka {} on 127.0.0.1:{} (cluster {}, {}) in {} ms", fresh ? "formatted and started" : "resumed",
                brokerPort, state.clusterId, dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return new EmbeddedKafka(server, brokerPort);
    }

    /** Writes meta.properties and the bootstrap metadata (feature levels) into the new log dir. */
    private static void format(Path logDir, NodeState state) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(BrokerProps.NODE_ID)
                .setClusterId(state.clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setControllerListenerName(BrokerProps.CONTROLLER_LISTENER)
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(false);
        formatter.run();
    }

    /** "127.0.0.1:port", for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Creates each topic with replication 1; topics that already exist are left as they are. */
    public void createTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        createTopics(partitionsByTopic, name -> Map.of());
    }

    /** As {@link #createTopics(Map)}, each topic with the settings {@code configs} gives it. */
    public void createTopics(Map<String, Integer> partitionsByTopic,
                             java.util.function.Function<String, Map<String, String>> configs) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) ->
                topics.add(new NewTopic(name, partitions, (short) 1).configs(configs.apply(name))));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "netobs-embedded-kafka-admin");
        try (Admin admin = Admin.create(props)) {
            for (Map.Entry<String, KafkaFuture<Void>> e : admin.createTopics(topics).values().entrySet()) {
                try {
                    e.getValue().get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw new IOException("cannot create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                    }
                }
            }
        }
    }

    /** Controlled shutdown; returns when every broker and controller thread has stopped. Data is kept. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        long t0 = System.nanoTime();
        shutdownQuietly(server);
        LOG.info("embedded Kafka on 127.0.0.1:{} stopped in {} ms", port, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("embedded Kafka shutdown: {}", e.toString());
        }
    }
}

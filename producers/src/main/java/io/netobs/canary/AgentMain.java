package io.netobs.canary;

import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.config.ConfigException;
import io.netobs.schema.KafkaSettings;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of the canary agent. Configuration: {@code NETOBS_AGENT_CONFIG} (YAML) or else the
 * seed's variables; Kafka: the standard client properties ({@link KafkaSettings}), falling back to
 * the seed's {@code KAFKA_BROKER} (default localhost:9092). HTTP on {@code NETOBS_AGENT_HTTP_PORT}
 * (default 9101, 0 = any free port) bound to {@code NETOBS_AGENT_HTTP_HOST} (default 0.0.0.0).
 */
public final class AgentMain {
    public static final String ENV_HTTP_PORT = "NETOBS_AGENT_HTTP_PORT";
    public static final String ENV_HTTP_HOST = "NETOBS_AGENT_HTTP_HOST";
    public static final int DEFAULT_HTTP_PORT = 9101;

    private AgentMain() {
    }

    /** Starts an agent on its own threads; close the handle to stop it. Throws {@link ConfigException} on bad config. */
    public static Agent launch(Properties kafkaClientProps, Map<String, String> env) throws Exception {
        AgentConfig config = AgentConfig.load(env);
        Properties client = new Properties();
        client.putAll(kafkaClientProps);
        if (client.getProperty("bootstrap.servers") == null) {
            String seed = env.get("KAFKA_BROKER");
            client.setProperty("bootstrap.servers", seed == null || seed.isBlank() ? "localhost:9092" : seed.trim());
        }
        String port = env.getOrDefault(ENV_HTTP_PORT, String.valueOf(DEFAULT_HTTP_PORT)).trim();
        int httpPort;
        try {
            httpPort = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new ConfigException("environment: " + ENV_HTTP_PORT + " must be a port number, got '" + port + "'");
        }
        return new Agent(config, client, env.getOrDefault(ENV_HTTP_HOST, "0.0.0.0"), httpPort);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Agent agent;
        try {
            agent = launch(KafkaSettings.fromEnv(env), env);
        } catch (ConfigException e) {
            System.err.println("netobs canary agent: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                agent.close();
            } catch (Exception e) {
                System.err.println("netobs canary agent: error while stopping: " + e);
            } finally {
                stopped.countDown();
            }
        }, "netobs-agent-shutdown"));
        stopped.await();
    }
}

package io.netobs.canary;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.config.ConfigException;
import io.netobs.schema.Env;
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
    public static final String DEFAULT_HTTP_HOST = "0.0.0.0";

    private AgentMain() {
    }

    /**
     * Starts an agent on its own threads, with its own registry (so agents, ingesters and streams apps
     * in one JVM each serve only their own series); close the handle to stop it. Throws
     * {@link ConfigException} on bad configuration, a bad environment variable included.
     */
    public static Agent launch(Properties kafkaClientProps, Map<String, String> env) throws Exception {
        Env e = new Env(env);
        AgentConfig config;
        String httpHost;
        int httpPort;
        String seedBroker;
        try {
            config = AgentConfig.load(env);
            httpHost = e.string(ENV_HTTP_HOST, DEFAULT_HTTP_HOST);
            httpPort = e.integer(ENV_HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65535);
            seedBroker = e.string("KAFKA_BROKER", "localhost:9092");
        } catch (Env.InvalidValue invalid) {
            throw new ConfigException("environment: " + invalid.getMessage());
        }
        Properties client = new Properties();
        client.putAll(kafkaClientProps);
        if (client.getProperty("bootstrap.servers") == null) {
            client.setProperty("bootstrap.servers", seedBroker);
        }
        Agent agent = new Agent(config, client, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        try {
            return agent.serve(httpHost, httpPort);
        } catch (RuntimeException bindFailed) {
            agent.close();
            throw bindFailed;
        }
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

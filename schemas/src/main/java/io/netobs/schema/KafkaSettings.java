package io.netobs.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Standard Kafka client properties for every netobs component, from the environment, so SASL and
 * TLS settings pass through untouched:
 * <ol>
 *   <li>{@code NETOBS_KAFKA_PROPERTIES}: a Java properties file (bootstrap.servers, security.protocol,
 *       sasl.jaas.config, ssl.truststore.location, ...);</li>
 *   <li>every {@code KAFKA_CLIENT_<NAME>} variable becomes property {@code <name>} with '_' read as
 *       '.', e.g. {@code KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL};</li>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers} last.</li>
 * </ol>
 */
public final class KafkaSettings {
    public static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_PROPERTIES_FILE = "NETOBS_KAFKA_PROPERTIES";
    public static final String ENV_CLIENT_PREFIX = "KAFKA_CLIENT_";

    private KafkaSettings() {
    }

    /** The client properties the environment asks for; empty when it names no cluster. */
    public static Properties fromEnv(Map<String, String> env) {
        Properties p = new Properties();
        String file = env.get(ENV_PROPERTIES_FILE);
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + ENV_PROPERTIES_FILE + "=" + file + ": " + e.getMessage(), e);
            }
        }
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_CLIENT_PREFIX) && k.length() > ENV_CLIENT_PREFIX.length()) {
                p.setProperty(k.substring(ENV_CLIENT_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        String bootstrap = env.get(ENV_BOOTSTRAP);
        if (bootstrap != null && !bootstrap.isBlank()) {
            p.setProperty("bootstrap.servers", bootstrap.trim());
        }
        return p;
    }

    /** True when the environment points at an existing cluster (so nothing is embedded). */
    public static boolean namesCluster(Map<String, String> env) {
        return fromEnv(env).getProperty("bootstrap.servers") != null;
    }
}

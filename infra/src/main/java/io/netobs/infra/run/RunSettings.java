package io.netobs.infra.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of an embedded run, completed with the documented defaults, so every component
 * gets the same explicit values and the runner can print where each one listens.
 */
final class RunSettings {
    static final String WORK_DIR = "NETOBS_WORK_DIR";
    static final String OFFLINE = "NETOBS_OFFLINE";
    static final String KAFKA_PORT = "NETOBS_EMBEDDED_KAFKA_PORT";
    static final String PARTITIONS = "NETOBS_PARTITIONS";
    static final String DNS_PORT = "NETOBS_OFFLINE_DNS_PORT";
    static final String STREAMS_PORT = "NETOBS_HTTP_PORT";
    static final String AGENT_PORT = "NETOBS_AGENT_HTTP_PORT";
    static final String INGEST_PORT = "NETOBS_INGEST_HTTP_PORT";
    static final String AGENT_CONFIG = "NETOBS_AGENT_CONFIG";
    static final String BGP_CONFIG = "NETOBS_BGP_CONFIG";
    static final String STATE_DIR = "NETOBS_STATE_DIR";
    static final String BGP_SOURCE = "NETOBS_BGP_SOURCE";

    static final String DEFAULT_WORK_DIR = "netobs-data";

    private RunSettings() {
    }

    static boolean offline(Map<String, String> env) {
        return Boolean.parseBoolean(env.getOrDefault(OFFLINE, "false").trim());
    }

    /** A copy of {@code env} with every setting the components read filled in. */
    static Map<String, String> complete(Map<String, String> env, Path workDir) {
        Map<String, String> out = new HashMap<>(env);
        out.putIfAbsent(KAFKA_PORT, "9092");
        out.putIfAbsent(PARTITIONS, "4");
        out.putIfAbsent(DNS_PORT, "5353");
        out.putIfAbsent(STREAMS_PORT, "8080");
        out.putIfAbsent(AGENT_PORT, "9101");
        out.putIfAbsent(INGEST_PORT, "9102");
        // One machine: the HTTP endpoints stay on loopback unless the operator opens them.
        out.putIfAbsent("NETOBS_AGENT_HTTP_HOST", "127.0.0.1");
        out.putIfAbsent("NETOBS_INGEST_HTTP_HOST", "127.0.0.1");
        out.putIfAbsent("NETOBS_HTTP_HOST", "127.0.0.1");
        out.putIfAbsent("NETOBS_APPLICATION_SERVER", "127.0.0.1:" + out.get(STREAMS_PORT));
        out.putIfAbsent(AGENT_CONFIG, locate("infra/config/agent.yml").toString());
        out.putIfAbsent(BGP_CONFIG, locate("infra/config/prefixes.yml").toString());
        out.putIfAbsent(STATE_DIR, workDir.resolve("streams-state").toAbsolutePath().toString());
        // The agent's disk buffer for results Kafka has not acknowledged yet: with the rest of the state.
        out.putIfAbsent("NETOBS_AGENT_SPOOL_DIR", workDir.resolve("agent-spool").toAbsolutePath().toString());
        if (offline(out)) {
            // Offline means no RIS Live: the ingester replays the recording it bundles.
            out.put(BGP_SOURCE, "replay");
        }
        return out;
    }

    static int intSetting(Map<String, String> env, String name) {
        String v = env.get(name);
        try {
            return Integer.parseInt(v.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
        }
    }

    /**
     * A repository-relative default file, found from the working directory or one of its parents,
     * so the runner works from the repository root and from a module directory (as under failsafe).
     */
    static Path locate(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        // Not found: hand the relative path on, the component's own error names the missing file.
        return Path.of(relative);
    }
}

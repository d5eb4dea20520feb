package io.netobs.canary.config;

import io.netobs.canary.probe.Probe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The agent's validated configuration: identity, publishing and spool settings, and the probe
 * groups. Built by {@link ConfigLoader} from YAML or by {@link EnvConfig} from the seed's variables.
 */
public record AgentConfig(String source, String canaryId, String pop, String topic, Path spoolDir, long spoolMaxBytes,
                          int maxConcurrency, List<ProbeGroup> groups) {

    public static final String ENV_CONFIG = "NETOBS_AGENT_CONFIG";
    public static final String ENV_SPOOL_DIR = "NETOBS_AGENT_SPOOL_DIR";
    public static final String ENV_SPOOL_MAX_BYTES = "NETOBS_AGENT_SPOOL_MAX_BYTES";
    public static final String ENV_MAX_CONCURRENCY = "NETOBS_AGENT_MAX_CONCURRENCY";
    public static final String DEFAULT_SPOOL_DIR = "data/agent-spool";
    public static final long DEFAULT_SPOOL_MAX_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONCURRENCY = 64;

    /** One probe type with its options, schedule and targets; {@code canaryId} may override the agent's. */
    public record ProbeGroup(String type, String canaryId, Probe probe, Duration interval, Duration timeout,
                             List<Target> targets) {
    }

    /** A target and its optional labels (copied onto every result). */
    public record Target(String target, Map<String, String> labels) {
    }

    /** YAML when {@code NETOBS_AGENT_CONFIG} names a file, else the seed's environment variables. */
    public static AgentConfig load(Map<String, String> env) {
        String file = env.get(ENV_CONFIG);
        if (file != null && !file.isBlank()) {
            return ConfigLoader.load(Path.of(file.trim()), env);
        }
        return EnvConfig.fromEnv(env);
    }

    public int targetCount() {
        return groups.stream().mapToInt(g -> g.targets().size()).sum();
    }
}

package io.netobs.canary.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.netobs.canary.probe.Probe;
import io.netobs.schema.Env;
import io.netobs.schema.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates the agent YAML (example: infra/config/agent.yml). Every rule fails start-up
 * with "file:line: path: reason"; environment variables give the defaults the file does not set.
 */
public final class ConfigLoader {
    private static final Set<String> ROOT_KEYS = Set.of("canary_id", "pop", "topic", "max_concurrency", "spool", "probes");
    private static final Set<String> SPOOL_KEYS = Set.of("dir", "max_bytes");
    private static final Set<String> GROUP_KEYS = Set.of("type", "canary_id", "interval", "timeout", "targets", "options");
    private static final Set<String> TARGET_KEYS = Set.of("target", "labels");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private ConfigLoader() {
    }

    public static AgentConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the agent configuration: " + e);
        }
        JsonNode tree;
        YamlLocations lines;
        try {
            tree = new YAMLMapper().readTree(yaml);
            lines = YamlLocations.of(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException(file + ":1: the agent configuration must be a mapping with a 'probes' list");
        }
        EnvInterpolation.apply(tree, "", env, (pointer, reason) -> new ConfigNode(tree, pointer, file.toString(), lines).error(reason));
        return parse(new ConfigNode(tree, "", file.toString(), lines), env);
    }

    /** Validates a configuration tree; shared by the YAML file and the environment variables. */
    static AgentConfig parse(ConfigNode root, Map<String, String> env) {
        root.allowKeys(ROOT_KEYS);
        Env e = new Env(env);
        String canaryId = root.text("canary_id", e.string("CANARY_ID", "canary-local-01")).trim();
        if (canaryId.isEmpty()) {
            throw root.get("canary_id").error("must not be empty");
        }
        String pop = root.text("pop", e.string("NETOBS_AGENT_POP", null));
        String topic = root.text("topic", e.string("KAFKA_TOPIC", Topics.CANARY_RESULTS));
        int concurrency = root.integer("max_concurrency", e.integer(AgentConfig.ENV_MAX_CONCURRENCY,
                AgentConfig.DEFAULT_MAX_CONCURRENCY, 1, 4096), 1, 4096);
        ConfigNode spool = root.get("spool");
        spool.allowKeys(SPOOL_KEYS);
        Path spoolDir = Path.of(spool.text("dir", e.string(AgentConfig.ENV_SPOOL_DIR, AgentConfig.DEFAULT_SPOOL_DIR)));
        long spoolMax = spool.longValue("max_bytes", e.longInteger(AgentConfig.ENV_SPOOL_MAX_BYTES,
                AgentConfig.DEFAULT_SPOOL_MAX_BYTES, 64 * 1024, Long.MAX_VALUE), 64 * 1024);
        List<ConfigNode> groups = root.list("probes");
        if (groups.isEmpty()) {
            throw root.get("probes").error("at least one probe group is required (probes: [{type: http, targets: [...]}])");
        }
        List<AgentConfig.ProbeGroup> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode g : groups) {
            out.add(group(g, canaryId, seen));
        }
        return new AgentConfig(root.source(), canaryId, pop, topic, spoolDir,
                spoolMax, concurrency, List.copyOf(out));
    }

    private static AgentConfig.ProbeGroup group(ConfigNode g, String agentCanaryId, Set<String> seen) {
        g.allowKeys(GROUP_KEYS);
        String type = g.requiredText("type").trim();
        ProbeRegistry.Entry entry = ProbeRegistry.TYPES.get(type);
        if (entry == null) {
            throw g.get("type").error("unknown probe type '" + type + "' (known: "
                    + String.join(", ", ProbeRegistry.TYPES.keySet().stream().sorted().toList()) + ")");
        }
        String canaryId = g.text("canary_id", agentCanaryId).trim();
        Duration interval = g.duration("interval", Duration.ofSeconds(60));
        Duration timeout;
        if (g.has("timeout")) {
            timeout = g.duration("timeout", null);
            if (timeout.compareTo(interval) >= 0) {
                throw g.get("timeout").error("timeout " + timeout.toMillis() + "ms must be shorter than the interval "
                        + interval.toMillis() + "ms (a probe must finish before its next run is due)");
            }
        } else {
            // The type's default, shrunk to fit a short interval.
            timeout = entry.defaultTimeout().compareTo(interval) < 0 ? entry.defaultTimeout() : interval.multipliedBy(8).dividedBy(10);
        }
        Probe probe = entry.factory().create(g.get("options"), canaryId);
        List<ConfigNode> targetNodes = g.list("targets");
        if (targetNodes.isEmpty()) {
            throw (g.has("targets") ? g.get("targets") : g).error("a probe group needs at least one target");
        }
        List<AgentConfig.Target> targets = new ArrayList<>();
        for (ConfigNode t : targetNodes) {
            AgentConfig.Target target = target(t);
            probe.checkTarget(target.target()).ifPresent(reason -> {
                throw t.error("bad " + type + " target: " + reason);
            });
            if (!seen.add(type + " " + target.target())) {
                throw t.error("duplicate " + type + " target '" + target.target()
                        + "' (each target is probed by one group: its results share one key and one series)");
            }
            targets.add(target);
        }
        return new AgentConfig.ProbeGroup(type, canaryId, probe, interval, timeout, List.copyOf(targets));
    }

    private static AgentConfig.Target target(ConfigNode t) {
        if (t.isText() || t.raw().isNumber()) {
            return new AgentConfig.Target(t.asText().trim(), Map.of());
        }
        t.allowKeys(TARGET_KEYS);
        String name = t.requiredText("target").trim();
        Map<String, String> labels = t.stringMap("labels");
        for (String k : labels.keySet()) {
            if (!LABEL.matcher(k).matches()) {
                throw t.get("labels").get(k).error("label name '" + k + "' must match [a-zA-Z_][a-zA-Z0-9_]*");
            }
        }
        return new AgentConfig.Target(name, Map.copyOf(labels));
    }
}

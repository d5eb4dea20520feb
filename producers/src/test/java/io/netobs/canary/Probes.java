package io.netobs.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netobs.canary.config.ConfigNode;
import io.netobs.canary.config.ProbeRegistry;
import io.netobs.canary.probe.Outcome;
import io.netobs.canary.probe.Probe;
import io.netobs.canary.probe.ProbeRun;
import io.netobs.schema.Json;
import java.time.Duration;
import java.util.Map;

/** Test helpers: build a probe from an options map exactly as the config loader does, and run it once. */
public final class Probes {
    private Probes() {
    }

    public static Probe build(String type, Map<String, ?> options) {
        ObjectNode o = Json.MAPPER.valueToTree(options);
        return ProbeRegistry.TYPES.get(type).factory().create(ConfigNode.of((JsonNode) o, "test"), "test-canary");
    }

    public static Outcome run(Probe probe, String target, Duration timeout) {
        return probe.run(ProbeRun.now(probe.type(), target, timeout, "test-canary", "test-pop", Map.of()));
    }
}

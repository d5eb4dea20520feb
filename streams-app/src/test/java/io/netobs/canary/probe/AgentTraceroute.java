package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Recorded traceroute and mtr output turned into the result the agent publishes, by the agent's own
 * code: {@link TracerouteOutput}'s parsers, then {@code TracerouteProbe.judge}. It lives in the agent's
 * package (in the streams app's tests) because {@code judge} is package-private.
 */
public final class AgentTraceroute {
    private AgentTraceroute() {
    }

    /** {@code traceroute -n} text, observed at {@code at} by {@code canary}. */
    public static CanaryResult fromTraceroute(String output, String target, String canary, String pop, Instant at) {
        return TracerouteProbe.judge(run(target, canary, pop, at), TracerouteOutput.parseTraceroute(output)).result();
    }

    /** {@code mtr --json -n} output, observed at {@code at} by {@code canary}. */
    public static CanaryResult fromMtrJson(String json, String target, String canary, String pop, Instant at)
            throws IOException {
        return TracerouteProbe.judge(run(target, canary, pop, at), TracerouteOutput.parseMtrJson(json, target)).result();
    }

    private static ProbeRun run(String target, String canary, String pop, Instant at) {
        return new ProbeRun("traceroute", target, Duration.ofSeconds(60), at, System.nanoTime(), canary, pop, Map.of());
    }
}

package io.netobs.streams;

import io.netobs.streams.canary.CanaryTopology;
import io.netobs.streams.canary.InputWatch;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole application topology as a pure factory: no clients, no threads, nothing started, so
 * tests build it and drive it with {@code TopologyTestDriver}. {@link StreamsMain} owns the lifecycle.
 */
public final class NetobsTopology {
    private NetobsTopology() {
    }

    public static Topology build(AppConfig cfg) {
        return build(cfg, InputWatch.TRUST_SILENCE);
    }

    /** @param input what the canary windows ask before taking a silence of their input as quiet */
    public static Topology build(AppConfig cfg, InputWatch input) {
        StreamsBuilder builder = new StreamsBuilder();
        CanaryTopology.addTo(builder, cfg, input);
        cfg.bgp().ifPresent(bgp -> bgp.addTo(builder, cfg));
        return builder.build();
    }
}

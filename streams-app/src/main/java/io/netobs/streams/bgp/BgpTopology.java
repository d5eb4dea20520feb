package io.netobs.streams.bgp;

import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.AppConfig;
import io.netobs.streams.BoundedTimestampExtractor;
import io.netobs.streams.state.WriteBackStores;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The BGP topology, a pure factory: bgp-updates (bytes) -> decode, admission and re-key by monitored
 * prefix -> one repartition (the parsed update in the state encoding) -> route table, prefix state
 * and event detection in named, changelogged stores -> bgp-events.
 *
 * <p>Event time is the BGP time carried by each update, never the wall clock, so replaying a
 * recording gives the same events and counters every time.
 */
public final class BgpTopology {
    private BgpTopology() {
    }

    /**
     * @param vrps the current VRP set, or null when RPKI is not configured (no route then gets an
     *             RPKI state and no RPKI_INVALID event opens)
     */
    public static void addTo(StreamsBuilder builder, MonitoredPrefixes config, Supplier<VrpSet> vrps, AppConfig cfg) {
        // Kept in memory by the route-state processor and only written: written back at commit.
        builder.addStateStore(WriteBackStores.persistent(BgpNames.STORE_ROUTES, BgpCodecs.ROUTE));
        builder.addStateStore(WriteBackStores.persistent(BgpNames.STORE_PREFIXES, BgpCodecs.PREFIX));
        builder.addStateStore(WriteBackStores.persistent(BgpNames.STORE_SEED, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BgpNames.STORE_INPUT_COUNTERS),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BgpNames.STORE_STATE_COUNTERS),
                Serdes.String(), Serdes.Long()).withCachingEnabled());

        builder.stream(Topics.BGP_UPDATES, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new BoundedTimestampExtractor(cfg.maxClockSkew()))
                        .withName(BgpNames.SOURCE))
                .process(() -> new BgpDecodeProcessor(config, cfg), Named.as(BgpNames.DECODE),
                        BgpNames.STORE_INPUT_COUNTERS)
                .repartition(Repartitioned.with(Serdes.String(), BgpCodecs.UPDATE).withName(BgpNames.REPARTITION))
                .process(() -> new RouteStateProcessor(config, vrps), Named.as(BgpNames.ROUTE_STATE),
                        BgpNames.STORE_ROUTES, BgpNames.STORE_PREFIXES, BgpNames.STORE_SEED, BgpNames.STORE_STATE_COUNTERS)
                .to(Topics.BGP_EVENTS, Produced.with(Serdes.String(), PayloadSerdes.BGP_EVENT).withName(BgpNames.SINK_EVENTS));
    }

    /** The BGP topology alone (tests, tools), with the default settings. */
    public static Topology build(MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, config, vrps, AppConfig.fromEnv(Map.of(), Optional.empty()));
        return builder.build();
    }
}

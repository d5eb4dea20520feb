package io.netobs.streams.bgp;

import io.netobs.schema.JsonSerde;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
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
 * The BGP topology, a pure factory: bgp-updates -> admission and re-key by monitored prefix -> one
 * repartition -> route table, counters and event detection in named, changelogged stores -> bgp-events.
 *
 * <p>Event time is the BGP time carried by each update, never the wall clock, so replaying a
 * recording gives the same events and counters every time.
 */
public final class BgpTopology {
    static final JsonSerde<RouteEntry> ROUTE_SERDE = new JsonSerde<>(RouteEntry.class);

    private BgpTopology() {
    }

    /**
     * @param vrps the current VRP set, or null when RPKI is not configured (no route then gets an
     *             RPKI state and no RPKI_INVALID event opens)
     */
    public static void addTo(StreamsBuilder builder, MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BgpNames.STORE_ROUTES), Serdes.String(), ROUTE_SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BgpNames.STORE_COUNTS), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BgpNames.STORE_SEED), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BgpNames.STORE_OPEN_EVENTS), Serdes.String(), PayloadSerdes.BGP_EVENT));

        builder.stream(Topics.BGP_UPDATES, Consumed.with(Serdes.String(), PayloadSerdes.BGP_UPDATE).withName(BgpNames.SOURCE))
                .flatMap(new MonitoredRekey(config), Named.as(BgpNames.REKEY))
                .repartition(Repartitioned.with(Serdes.String(), PayloadSerdes.BGP_UPDATE).withName(BgpNames.REPARTITION))
                .process(() -> new RouteStateProcessor(config, vrps), Named.as(BgpNames.ROUTE_STATE),
                        BgpNames.STORE_ROUTES, BgpNames.STORE_COUNTS, BgpNames.STORE_SEED, BgpNames.STORE_OPEN_EVENTS)
                .to(Topics.BGP_EVENTS, Produced.with(Serdes.String(), PayloadSerdes.BGP_EVENT).withName(BgpNames.SINK_EVENTS));
    }

    /** The BGP topology alone (tests, tools). */
    public static Topology build(MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        StreamsBuilder builder = new StreamsBuilder();
        addTo(builder, config, vrps);
        return builder.build();
    }
}

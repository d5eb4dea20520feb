package io.netobs.streams.bgp;

/**
 * Every processor, store and repartition name of the BGP topology, in one place. Store and
 * repartition names become topic names: renaming one later means resetting the application.
 */
public final class BgpNames {
    public static final String SOURCE = "bgp-updates-source";
    /** Parses, drops unmonitored prefixes and ignored peers, keys by monitored prefix, fans PEER_DOWN out. */
    public static final String DECODE = "bgp-decode";
    /** The one repartition: one task owns every route of a monitored prefix and its more-specifics. */
    public static final String REPARTITION = "bgp-by-monitored-prefix";
    public static final String ROUTE_STATE = "bgp-route-state";
    public static final String SINK_EVENTS = "bgp-events-sink";

    /** monitored|prefix|peer -> {@link RouteEntry}: the route table, withdrawn routes kept as such. */
    public static final String STORE_ROUTES = "bgp-route-store";
    /** monitored|prefix -> {@link PrefixState}: peer counts, origins, upstreams, open events. */
    public static final String STORE_PREFIXES = "bgp-prefix-store";
    /** The seed's counters and last-event time, keyed as {@link BgpKeys#seedAnnouncement} etc. */
    public static final String STORE_SEED = "bgp-seed-counters-store";
    /** Dead letters of the input side (the decode processor's task). */
    public static final String STORE_INPUT_COUNTERS = "bgp-input-counters-store";
    /** Dead letters and label overflow of the route-state side. */
    public static final String STORE_STATE_COUNTERS = "bgp-state-counters-store";

    private BgpNames() {
    }
}

package io.netobs.streams.bgp;

/**
 * Every processor, store and repartition name of the BGP topology, in one place. Store and
 * repartition names become topic names: renaming one later means resetting the application.
 */
public final class BgpNames {
    public static final String SOURCE = "bgp-updates-source";
    /** Drops unmonitored prefixes and ignored peers, keys by monitored prefix, fans PEER_DOWN out. */
    public static final String REKEY = "bgp-rekey-by-monitored-prefix";
    /** The one repartition: one task owns every route of a monitored prefix and its more-specifics. */
    public static final String REPARTITION = "bgp-by-monitored-prefix";
    public static final String ROUTE_STATE = "bgp-route-state";
    public static final String SINK_EVENTS = "bgp-events-sink";

    /** monitored|prefix|peer -> {@link RouteEntry}: the route table, withdrawn routes kept as such. */
    public static final String STORE_ROUTES = "bgp-routes-store";
    /** monitored|prefix|field -> count: visible/reporting peers, peers per origin and upstream, totals. */
    public static final String STORE_COUNTS = "bgp-counts-store";
    /** The seed's counters and last-event time, keyed as {@link BgpKeys#seedAnnouncement} etc. */
    public static final String STORE_SEED = "bgp-seed-counters-store";
    /** monitored|event id -> the OPEN {@code BgpEvent}; an entry exists exactly while the event is open. */
    public static final String STORE_OPEN_EVENTS = "bgp-open-events-store";

    private BgpNames() {
    }
}

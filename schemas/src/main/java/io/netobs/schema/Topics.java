package io.netobs.schema;

/**
 * Every topic name of netobs, in one place. Producers, the streams app, the ingester, tests and the
 * embedded runner all refer to these constants; none spells a topic name itself.
 */
public final class Topics {
    /** One probe result per record, key = target (the seed's producers send no key). */
    public static final String CANARY_RESULTS = "canary-results";
    /** One announcement, withdrawal or peer-down of one prefix seen by one peer, key = prefix. */
    public static final String BGP_UPDATES = "bgp-updates";
    /** One closed window's aggregate, key = window start + target (+ canary). */
    public static final String CANARY_AGGREGATES = "canary-aggregates";
    /** Derived route events (open and close records), key = prefix. */
    public static final String BGP_EVENTS = "bgp-events";
    /** Traceroute path changes per (target, canary) (open and close records), key = target. */
    public static final String PATH_EVENTS = "path-events";
    /** Records that could not be parsed or validated: the original bytes plus {@link DeadLetters} headers. */
    public static final String DEAD_LETTERS = "netobs-dead-letters";

    /** All topics the platform creates at start-up, in creation order. */
    public static final java.util.List<String> ALL =
            java.util.List.of(CANARY_RESULTS, BGP_UPDATES, CANARY_AGGREGATES, BGP_EVENTS, PATH_EVENTS, DEAD_LETTERS);

    private Topics() {
    }
}

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

    /**
     * Settings every cluster should give a topic when netobs creates it. bgp-updates and bgp-events
     * carry BGP time in each record, and a replayed archive's records are months or years old: with
     * the record's own time as the log's time, the broker's time retention (7 days by default) would
     * delete a replay's updates and events minutes after they were written. The broker's append time
     * makes retention count from when netobs received them; the BGP time stays in the payload, where
     * every consumer reads it.
     */
    public static java.util.Map<String, String> configs(String topic) {
        return BGP_UPDATES.equals(topic) || BGP_EVENTS.equals(topic)
                ? java.util.Map.of("message.timestamp.type", "LogAppendTime")
                : java.util.Map.of();
    }

    private Topics() {
    }
}

package io.netobs.streams;

/**
 * Every processor, store and repartition name of the canary topology, in one place. These names
 * become changelog and repartition topic names: renaming one later means resetting the application.
 */
public final class Names {
    // sources and branches
    public static final String SOURCE_RESULTS = "canary-results-source";
    public static final String SPLIT_BY_KEY = "canary-split-by-key-";
    public static final String BRANCH_KEYED = "keyed";
    public static final String BRANCH_UNKEYED = "unkeyed";
    public static final String REKEY_BY_TARGET = "canary-rekey-by-target";
    /** The one repartition: only records whose key is not their target pass through it. */
    public static final String REPARTITION_BY_TARGET = "canary-by-target";
    public static final String MERGE = "canary-merge";

    // processors
    public static final String ADMISSION = "canary-admission";
    public static final String LAST_VALUES = "canary-last-values";
    public static final String WINDOW_GROUP = "canary-window-group";
    public static final String WINDOW_AGGREGATE = "canary-window-aggregate";
    public static final String WINDOW_SUPPRESS = "canary-window-suppress";
    public static final String WINDOW_TO_STREAM = "canary-window-to-stream";
    public static final String LATEST_WINDOWS = "canary-latest-windows";
    public static final String EXPLODE_AGGREGATES = "canary-explode-aggregates";
    public static final String SINK_AGGREGATES = "canary-aggregates-sink";

    // stores
    /** Open windows per target (window store). */
    public static final String STORE_WINDOWS = "canary-windows";
    /** target -> latest closed window per (type, canary) and per type. */
    public static final String STORE_LATEST_WINDOWS = "canary-latest-windows-store";
    /** target -> cumulative status counts and the last value of every seed gauge. */
    public static final String STORE_LAST_VALUES = "canary-last-values-store";
    /** series key (target, type, canary) -> first-seen time: bounds label cardinality. */
    public static final String STORE_KNOWN_SERIES = "canary-known-series-store";
    /** counter name -> value, one entry per task: late records, label overflow. */
    public static final String STORE_PIPELINE_COUNTERS = "canary-pipeline-counters-store";

    // counter keys in STORE_PIPELINE_COUNTERS
    public static final String COUNTER_LATE = "late_records";
    public static final String COUNTER_OVERFLOW = "label_overflow";

    /** Streams config key under which the shared {@link DeadLetterCounts} instance is passed. */
    public static final String CONFIG_DEAD_LETTER_COUNTS = "netobs.dead.letter.counts";
    /** Name written in the DLQ header {@code netobs.dlq.rejected.by}. */
    public static final String COMPONENT = "streams-app";

    private Names() {
    }
}

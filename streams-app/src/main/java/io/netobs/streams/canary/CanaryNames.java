package io.netobs.streams.canary;

/**
 * Every processor, store and repartition name of the canary topology, in one place. These names
 * become changelog and repartition topic names: renaming one later means resetting the application.
 */
public final class CanaryNames {
    // sources and branches
    public static final String SOURCE_RESULTS = "canary-results-source";
    public static final String DECODE = "canary-decode";
    public static final String SPLIT_BY_KEY = "canary-split-by-key-";
    public static final String BRANCH_KEYED = "keyed";
    public static final String BRANCH_UNKEYED = "unkeyed";
    public static final String REKEY_BY_TARGET = "canary-rekey-by-target";
    /** The one repartition: only records whose key is not their target pass through it. */
    public static final String REPARTITION_BY_TARGET = "canary-by-target";
    public static final String MERGE = "canary-merge";
    public static final String WINDOWS = "canary-windows";
    public static final String SINK_AGGREGATES = "canary-aggregates-sink";

    // stores
    /** (target, type, canary) -> {@code SeriesRecord}: last values, cumulative counts, open windows. */
    public static final String STORE_SERIES = "canary-series-store";
    /** target -> the latest closed window of each of its series, per canary and across canaries. */
    public static final String STORE_LATEST = "canary-latest-windows-store";
    /** target at window start -> that closed window of each of its series, kept for the retention. */
    public static final String STORE_HISTORY = "canary-window-history-store";
    /** counter key -> value, one set per task: dead letters, late records, label overflow, stream time. */
    public static final String STORE_COUNTERS = "canary-counters-store";

    private CanaryNames() {
    }
}

package io.netobs.streams.path;

/**
 * Every processor, store and label name of the path analysis, in one place. The store name becomes a
 * changelog topic name: renaming it later means resetting the application.
 */
public final class PathNames {
    /** The probe type whose results carry hops. */
    public static final String TYPE = "traceroute";
    public static final String PROCESSOR = "path-analysis";
    public static final String SINK_EVENTS = "path-events-sink";
    /** target␟traceroute␟canary -> {@code PathRecord}: current path, open change, latest hop figures. */
    public static final String STORE_PATHS = "path-series-store";
    /** The family of {@code netobs_label_overflow_total} that counts path series refused by NETOBS_MAX_SERIES. */
    public static final String OVERFLOW_FAMILY = "path";

    private PathNames() {
    }
}

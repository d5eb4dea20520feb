package io.netobs.streams.canary.state;

import java.util.TreeMap;

/**
 * One (target, type, canary) series as the window processor keeps it, in memory and in the series
 * store: the seed's cumulative counters and last values, the windows still open (usually one, two
 * around a boundary), and when a result of it last arrived (for expiry). One value per series, so
 * one record costs one store write.
 */
public final class SeriesRecord {
    public final SeriesState last;
    /** Open windows by start time. */
    public final TreeMap<Long, SeriesWindow> open;
    /** Wall-clock time the last result of this series arrived. */
    public long lastSeenMs;

    public SeriesRecord() {
        this(new SeriesState(), new TreeMap<>(), 0);
    }

    SeriesRecord(SeriesState last, TreeMap<Long, SeriesWindow> open, long lastSeenMs) {
        this.last = last;
        this.open = open;
        this.lastSeenMs = lastSeenMs;
    }
}

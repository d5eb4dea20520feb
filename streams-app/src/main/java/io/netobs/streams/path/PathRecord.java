package io.netobs.streams.path;

/**
 * The state of one (target, canary) path series, held in memory by the processor and written through
 * to its store entry on every change ({@link PathRecordCodec}).
 */
final class PathRecord {
    /** The path traces are compared with: the stable one, or the one a change led to. */
    PathShape current = PathShape.NONE;
    /** Observation time the current path was first seen, Unix ms. */
    long sinceMs = Long.MIN_VALUE;
    /** Consecutive results (with at least one answer) that showed the current path. */
    int results;
    /** The open PATH_CHANGED event; null while the current path is the stable one. */
    OpenChange open;
    /** Times the current path was replaced (a return to the previous path counts too). */
    long changes;
    /** Results not newer than the newest analysed one (out of order or repeated): left out. */
    long stale;
    /** Results of which TTLs or addresses beyond the bounds were left out. */
    long truncated;
    /** Observation time of the newest analysed result, Unix ms. */
    long lastResultMs = Long.MIN_VALUE;
    /** Wall time of the last result received, for expiry. */
    long lastSeenMs;
    String pop;
    /** Per TTL of the newest result (index TTL - 1): median RTT in ms and loss ratio, NaN when unknown. */
    double[] latencyMs = new double[0];
    double[] lossRatio = new double[0];

    /**
     * An open PATH_CHANGED event: what its CLOSED record repeats.
     *
     * @param from the path that was stable before the change (the "old path"; the path a return goes back to)
     * @param to   the path the change led to, as first seen
     */
    record OpenChange(String id, long openedAtMs, PathShape from, PathShape to, int firstDifferenceTtl) {
    }
}

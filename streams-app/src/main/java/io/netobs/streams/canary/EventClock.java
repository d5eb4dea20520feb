package io.netobs.streams.canary;

import java.util.Arrays;

/**
 * Event time per input partition, and the watermark: the earliest of the partitions heard from
 * recently. A task's windows receive results from its own input partition (keyed results) and, through
 * the repartition topic, from every input partition (the seed's unkeyed results); the upstream tasks
 * forward their partitions in chunks, so the repartition interleaves them with an event-time skew
 * that, while a backlog is processed, can far exceed the grace period. Closing windows at the
 * largest event time seen would then make every partition behind the leader late; closing them at
 * the watermark waits for all of them. A partition that sent nothing for {@code idleMs} of wall time
 * no longer holds the watermark back (it went quiet, or it sends nothing to this task). At start,
 * the input partitions not yet heard from hold the watermark for up to {@code idleMs}, so the first
 * partition to arrive does not close windows the others are still filling.
 */
final class EventClock {
    private final long idleMs;
    private long[] max = new long[0];
    private long[] lastWall = new long[0];

    /**
     * @param sources the number of input partitions, each expected to be heard from
     * @param startMs the wall-clock time of the start: expected sources are waited for until startMs + idleMs
     */
    EventClock(long idleMs, int sources, long startMs) {
        this.idleMs = idleMs;
        ensure(sources - 1);
        java.util.Arrays.fill(lastWall, startMs);
    }

    /** A result of {@code source} observed at {@code eventMs} arrived at wall time {@code wallMs}. */
    void observe(int source, long eventMs, long wallMs) {
        ensure(source);
        lastWall[source] = wallMs;
        if (eventMs > max[source]) {
            max[source] = eventMs;
        }
    }

    /** Restores a source's event time after a restart, as if it had just been heard from. */
    void restore(int source, long eventMs, long wallMs) {
        ensure(source);
        max[source] = eventMs;
        lastWall[source] = wallMs;
    }

    /**
     * The earliest event time of the sources heard from within the idle time; MIN_VALUE when none, or
     * while an expected source has not been heard from yet (since start, within the idle time).
     */
    long watermark(long wallMs) {
        long wm = Long.MAX_VALUE;
        for (int s = 0; s < max.length; s++) {
            if (wallMs - lastWall[s] < idleMs) {
                if (max[s] == Long.MIN_VALUE) {
                    return Long.MIN_VALUE;
                }
                wm = Math.min(wm, max[s]);
            }
        }
        return wm == Long.MAX_VALUE ? Long.MIN_VALUE : wm;
    }

    int sources() {
        return max.length;
    }

    /** The largest event time seen from {@code source}, MIN_VALUE when none. */
    long max(int source) {
        return max[source];
    }

    private void ensure(int source) {
        if (source >= max.length) {
            // A source beyond the expected ones starts as never heard from and idle (last wall 0).
            int n = source + 1;
            int old = max.length;
            max = Arrays.copyOf(max, n);
            lastWall = Arrays.copyOf(lastWall, n);
            Arrays.fill(max, old, n, Long.MIN_VALUE);
        }
    }
}

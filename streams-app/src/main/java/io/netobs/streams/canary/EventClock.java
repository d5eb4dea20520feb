package io.netobs.streams.canary;

import java.util.Arrays;

/**
 * Event time per source, and the watermark: the earliest of the sources heard from recently. A task's
 * windows receive results by two routes: keyed results directly from the task's own input partition,
 * and the seed's unkeyed results through the repartition topic from every input partition. The
 * upstream tasks forward their partitions in chunks, so the repartition interleaves them with an
 * event-time skew that, while a backlog is processed, far exceeds the grace period. Closing windows
 * at the largest event time seen would then make every partition behind the leader late; closing
 * them at the watermark waits for all of them.
 *
 * <p>A source that sent nothing for {@code idleMs} of wall time no longer holds the watermark back
 * (it went quiet, or it sends nothing to this task). Once any repartitioned result has arrived, every
 * input partition is expected to send some (an unkeyed producer spreads its records over all of
 * them): a partition not heard from yet holds the watermark for up to {@code idleMs}, so the first
 * partition to arrive does not close windows the others are still filling.
 */
final class EventClock {
    private final long idleMs;
    private final int partitions;
    private long directMax = Long.MIN_VALUE;
    private long directWall = Long.MIN_VALUE / 2;
    private long[] max;
    private long[] lastWall;
    private boolean repartitioned;

    /** @param partitions the number of input partitions, each a source of repartitioned results */
    EventClock(long idleMs, int partitions) {
        this.idleMs = idleMs;
        this.partitions = partitions;
        this.max = new long[partitions];
        this.lastWall = new long[partitions];
        Arrays.fill(max, Long.MIN_VALUE);
        Arrays.fill(lastWall, Long.MIN_VALUE / 2);
    }

    /** A result observed at {@code eventMs} arrived at wall time {@code wallMs}, directly or repartitioned from {@code partition}. */
    void observe(boolean viaRepartition, int partition, long eventMs, long wallMs) {
        if (!viaRepartition) {
            directWall = wallMs;
            directMax = Math.max(directMax, eventMs);
            return;
        }
        expectAll(wallMs);
        ensure(partition);
        lastWall[partition] = wallMs;
        max[partition] = Math.max(max[partition], eventMs);
    }

    /** Restores a source's event time after a restart, as if it had just been heard from. */
    void restore(String source, long eventMs, long wallMs) {
        if (DIRECT.equals(source)) {
            directMax = eventMs;
            directWall = wallMs;
            return;
        }
        int partition = Integer.parseInt(source);
        expectAll(wallMs);
        ensure(partition);
        max[partition] = eventMs;
        lastWall[partition] = wallMs;
    }

    /** Every source heard from counts as heard from at {@code wallMs}: silence until now does not age them. */
    void hold(long wallMs) {
        if (directMax != Long.MIN_VALUE) {
            directWall = wallMs;
        }
        for (int p = 0; p < max.length; p++) {
            if (max[p] != Long.MIN_VALUE) {
                lastWall[p] = wallMs;
            }
        }
    }

    /** The name a source's time is persisted under. */
    static final String DIRECT = "direct";

    /** Every source's name and largest event time, for persisting (sources never heard from left out). */
    void forEach(java.util.function.ObjLongConsumer<String> action) {
        if (directMax != Long.MIN_VALUE) {
            action.accept(DIRECT, directMax);
        }
        for (int p = 0; p < max.length; p++) {
            if (max[p] != Long.MIN_VALUE) {
                action.accept(Integer.toString(p), max[p]);
            }
        }
    }

    /**
     * The earliest event time of the sources heard from within the idle time; MIN_VALUE when there is
     * none, or while an expected partition has not been heard from yet (for at most the idle time).
     */
    long watermark(long wallMs) {
        long wm = wallMs - directWall < idleMs ? directMax : Long.MAX_VALUE;
        for (int p = 0; p < max.length; p++) {
            if (wallMs - lastWall[p] < idleMs) {
                if (max[p] == Long.MIN_VALUE) {
                    return Long.MIN_VALUE;
                }
                wm = Math.min(wm, max[p]);
            }
        }
        return wm == Long.MAX_VALUE ? Long.MIN_VALUE : wm;
    }

    /** The first repartitioned result: from now on every input partition is expected (for up to the idle time). */
    private void expectAll(long wallMs) {
        if (!repartitioned) {
            repartitioned = true;
            for (int p = 0; p < max.length; p++) {
                if (max[p] == Long.MIN_VALUE) {
                    lastWall[p] = wallMs;
                }
            }
        }
    }

    private void ensure(int partition) {
        if (partition >= max.length) {
            // More partitions than the topic had at start-up: the new ones are sources like the others.
            int old = max.length;
            max = Arrays.copyOf(max, partition + 1);
            lastWall = Arrays.copyOf(lastWall, partition + 1);
            Arrays.fill(max, old, partition + 1, Long.MIN_VALUE);
            Arrays.fill(lastWall, old, partition + 1, Long.MIN_VALUE / 2);
        }
    }

    int partitions() {
        return partitions;
    }
}

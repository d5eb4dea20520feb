package io.netobs.streams.canary.state;

import java.util.Map;
import java.util.TreeMap;

/**
 * A mergeable quantile sketch with bounded relative error, after DDSketch (Masson, Rim, Lee, VLDB
 * 2019): a value {@code v > 0} falls in bucket {@code i = ceil(log(v) / log(gamma))} with
 * {@code gamma = (1 + a) / (1 - a)}, i.e. bucket i covers {@code (gamma^(i-1), gamma^i]}. Reporting the
 * bucket's point {@code 2 gamma^i / (gamma + 1)} is within relative error {@code a} of every value in
 * it, whatever the distribution. Buckets are sparse (only those hit are stored), so a window of
 * latencies spanning 0.1 ms .. 10 s needs at most ~580 entries and typically a few dozen.
 *
 * <p>Merging adds bucket counts, so the per-target sketch is the merge of the per-canary ones and
 * is exactly what a sketch of all their samples would be. Values at or below {@link #MIN_VALUE}
 * (0 ms latencies) go to a separate zero bucket and are reported as 0.
 */
public final class LatencySketch {
    /** Relative accuracy a: every quantile is within 1 % of a sample of that rank. */
    public static final double RELATIVE_ACCURACY = 0.01;
    static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Below a nanosecond (in ms) a latency is measurement noise; counted as zero. */
    static final double MIN_VALUE = 1e-6;

    private final TreeMap<Integer, Long> bins;
    private long zeroCount;
    private long count;

    public LatencySketch() {
        this(new TreeMap<>(), 0, 0);
    }

    private LatencySketch(TreeMap<Integer, Long> bins, long zeroCount, long count) {
        this.bins = bins;
        this.zeroCount = zeroCount;
        this.count = count;
    }

    /** A sketch over {@code bins}, taken as is (no copy): for the store codec. */
    static LatencySketch decoded(TreeMap<Integer, Long> bins, long zeroCount) {
        long count = zeroCount;
        for (Long c : bins.values()) {
            count += c;
        }
        return new LatencySketch(bins, zeroCount, count);
    }

    Map<Integer, Long> bins() {
        return bins;
    }

    long zeroCount() {
        return zeroCount;
    }

    public long count() {
        return count;
    }

    public void add(double value) {
        if (Double.isNaN(value) || value < 0) {
            throw new IllegalArgumentException("latency must be >= 0, was " + value);
        }
        if (value <= MIN_VALUE) {
            zeroCount++;
        } else {
            bins.merge(index(value), 1L, Long::sum);
        }
        count++;
    }

    /** Adds every sample of {@code other} to this sketch. */
    public void merge(LatencySketch other) {
        other.bins.forEach((i, c) -> bins.merge(i, c, Long::sum));
        zeroCount += other.zeroCount;
        count += other.count;
    }

    /**
     * The value of rank {@code floor(q * (n - 1))} among the n samples in ascending order, within
     * relative error {@link #RELATIVE_ACCURACY}; NaN when empty.
     */
    public double quantile(double q) {
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within [0, 1], was " + q);
        }
        if (count == 0) {
            return Double.NaN;
        }
        double rank = q * (count - 1);
        long seen = zeroCount;
        if (seen > rank) {
            return 0.0;
        }
        for (Map.Entry<Integer, Long> e : bins.entrySet()) {
            seen += e.getValue();
            if (seen > rank) {
                return value(e.getKey());
            }
        }
        return value(bins.lastKey());
    }

    static int index(double value) {
        return (int) Math.ceil(Math.log(value) / LOG_GAMMA);
    }

    static double value(int index) {
        return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
    }

    public LatencySketch copy() {
        return new LatencySketch(new TreeMap<>(bins), zeroCount, count);
    }
}

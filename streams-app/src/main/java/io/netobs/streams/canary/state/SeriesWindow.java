package io.netobs.streams.canary.state;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running aggregate of one window of one series (target, type and canary, or target and type).
 * Mutable on purpose: the window processor updates it in place.
 *
 * <p>Latency follows the seed's consumer: {@code rtt_avg_ms}, else {@code latency_ms}, and only for
 * SUCCESS and FAILURE results. Jitter is the mean absolute difference of consecutive latencies in
 * event-time order (RFC 3550's difference without its 1/16 smoothing, so windows compare). Only the
 * newest sample is kept, not the whole series, so a result arriving out of order contributes its
 * difference to the newest sample seen so far and does not replace it. With in-order arrival (the
 * normal case: one agent, one clock, one partition) this is exact.
 */
public final class SeriesWindow {
    public long count;
    /** Count per {@link Status}, indexed by ordinal. */
    public long[] statusCounts = new long[Status.values().length];
    public LatencySketch latency = new LatencySketch();
    public double latencySum;
    /** Null until the first latency. */
    public Double latencyMin;
    public Double latencyMax;
    public double lossSum;
    public long lossCount;
    /** Latest latency in event time, and its time; null before the first latency. */
    public Double lastLatency;
    public long lastLatencyTs;
    public double absDiffSum;
    public long diffCount;

    /** Adds one result observed at {@code eventTimeMs}. */
    public void add(CanaryResult r, long eventTimeMs) {
        count++;
        statusCounts[r.status().ordinal()]++;
        if (r.packetLossPercent() != null) {
            lossSum += r.packetLossPercent();
            lossCount++;
        }
        Double lat = r.effectiveLatencyMs();
        if (lat == null || (r.status() != Status.SUCCESS && r.status() != Status.FAILURE)) {
            return;
        }
        latency.add(lat);
        latencySum += lat;
        latencyMin = latencyMin == null ? lat : Math.min(latencyMin, lat);
        latencyMax = latencyMax == null ? lat : Math.max(latencyMax, lat);
        if (lastLatency != null) {
            absDiffSum += Math.abs(lat - lastLatency);
            diffCount++;
        }
        if (lastLatency == null || eventTimeMs >= lastLatencyTs) {
            lastLatency = lat;
            lastLatencyTs = eventTimeMs;
        }
    }

    /**
     * Adds another series' window to this one (the per-target aggregate across canaries). Jitter is
     * pooled: the consecutive differences of each canary, never across canaries, whose latencies
     * interleave meaninglessly.
     */
    public void merge(SeriesWindow o) {
        count += o.count;
        for (int i = 0; i < statusCounts.length; i++) {
            statusCounts[i] += o.statusCounts[i];
        }
        latency.merge(o.latency);
        latencySum += o.latencySum;
        if (o.latencyMin != null) {
            latencyMin = latencyMin == null ? o.latencyMin : Math.min(latencyMin, o.latencyMin);
            latencyMax = latencyMax == null ? o.latencyMax : Math.max(latencyMax, o.latencyMax);
        }
        lossSum += o.lossSum;
        lossCount += o.lossCount;
        absDiffSum += o.absDiffSum;
        diffCount += o.diffCount;
    }

    public long latencyCount() {
        return latency.count();
    }

    /** The closed window as published on canary-aggregates; {@code canaryId} null for the per-target one. */
    public CanaryAggregate toAggregate(String target, String type, String canaryId, long startMs, long endMs) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            if (statusCounts[s.ordinal()] > 0) {
                byStatus.put(s.name(), statusCounts[s.ordinal()]);
            }
        }
        long n = latencyCount();
        return new CanaryAggregate(CanaryAggregate.SCHEMA_VERSION, target, type, canaryId, startMs, endMs, count,
                byStatus, count == 0 ? 0.0 : (double) statusCounts[Status.SUCCESS.ordinal()] / count, n,
                n == 0 ? null : latencyMin,
                n == 0 ? null : latencyMax,
                n == 0 ? null : latencySum / n,
                n == 0 ? null : quantile(0.5),
                n == 0 ? null : quantile(0.9),
                n == 0 ? null : quantile(0.99),
                lossCount == 0 ? null : lossSum / lossCount,
                diffCount == 0 ? null : absDiffSum / diffCount);
    }

    /**
     * The sketch's quantile clamped to the samples' exact range: the sketch reports a bucket's
     * midpoint, which can lie just outside [min, max] (ten samples of 12.5 ms gave a p50 of 12.55 ms).
     */
    private double quantile(double q) {
        return Math.max(latencyMin, Math.min(latencyMax, latency.quantile(q)));
    }
}

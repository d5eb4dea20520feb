package io.netobs.schema;

import java.util.Map;

/**
 * One closed tumbling window on {@link Topics#CANARY_AGGREGATES}; emitted once, when the window
 * closes (end + grace). {@code canaryId} is null for the aggregate across all canaries of a target.
 * Latencies are milliseconds, as in the results; quantiles come from a sketch with at most 1 %
 * relative error. Jitter is the mean absolute difference of consecutive latencies in event-time
 * order within the window (RFC 3550's idea without the smoothing), and for ping also the per-round
 * jitter the agent measured.
 *
 * @param statusCounts   count per status name (SUCCESS, FAILURE, TIMEOUT, ERROR); absent = 0
 * @param availability   SUCCESS / count
 * @param latencyCount   how many samples carried a latency (SUCCESS and FAILURE with a latency)
 */
public record CanaryAggregate(
        Integer schemaVersion,
        String target,
        String type,
        String canaryId,
        long windowStartMs,
        long windowEndMs,
        long count,
        Map<String, Long> statusCounts,
        double availability,
        long latencyCount,
        Double latencyMinMs,
        Double latencyMaxMs,
        Double latencyMeanMs,
        Double latencyP50Ms,
        Double latencyP90Ms,
        Double latencyP99Ms,
        Double packetLossMeanPercent,
        Double jitterMs) {

    public static final int SCHEMA_VERSION = 1;
}

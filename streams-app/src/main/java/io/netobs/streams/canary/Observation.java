package io.netobs.streams.canary;

import io.netobs.schema.CanaryResult;

/**
 * A validated result with its event time (the result's own timestamp, or the record's when the
 * result has none usable) and the canary-results partition it was read from. Parsed once from JSON
 * at the input; what the repartition carries.
 *
 * @param sourcePartition the input partition: the window processor tracks event time per input
 *                        partition, because a repartition interleaves several of them
 */
public record Observation(CanaryResult result, long eventTimeMs, int sourcePartition) {
}

package io.netobs.streams;

import io.netobs.schema.CanaryResult;

/**
 * A validated result with its event time, as the window aggregator needs it: Kafka's
 * {@code Aggregator} sees values only, not record timestamps, and jitter needs the time order.
 */
public record Observation(CanaryResult result, long eventTimeMs) {
}

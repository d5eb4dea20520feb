package io.netobs.streams.canary;

import io.netobs.schema.CanaryResult;

/**
 * A validated result with its event time: the result's own timestamp, or the record's when the
 * result has none usable. Parsed once from JSON at the input; what the repartition carries.
 */
public record Observation(CanaryResult result, long eventTimeMs) {
}

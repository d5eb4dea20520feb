package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One scheduled execution: the target, its deadline and the identity stamped on the result.
 * {@code startedAt} is the observation time (the result's timestamp and the Kafka record timestamp).
 */
public record ProbeRun(String type, String target, Duration timeout, Instant startedAt, long startNanos,
                       String canaryId, String pop, Map<String, String> labels) {

    public static ProbeRun now(String type, String target, Duration timeout, String canaryId, String pop,
                               Map<String, String> labels) {
        return new ProbeRun(type, target, timeout, Instant.now(), System.nanoTime(), canaryId, pop, labels);
    }

    /** A result builder with the identity fields filled in. */
    public CanaryResult.Builder result(Status status) {
        return CanaryResult.builder(type, canaryId, target, startedAt, status).pop(pop).labels(labels);
    }

    /** Time left before the deadline, never negative. */
    public Duration remaining() {
        long left = timeout.toNanos() - (System.nanoTime() - startNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    public double elapsedMs() {
        return Outcome.round((System.nanoTime() - startNanos) / 1e6);
    }
}

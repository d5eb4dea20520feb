package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;

/**
 * A probe's result plus, when it is not SUCCESS, a short fixed reason class for
 * {@code netobs_agent_probe_errors_total{reason}} (never free text: it is a label).
 */
public record Outcome(CanaryResult result, String reason) {

    public static Outcome of(CanaryResult.Builder b, String reason) {
        CanaryResult r = b.build();
        return new Outcome(r, r.status() == Status.SUCCESS ? null : reason);
    }

    public static Outcome success(CanaryResult.Builder b) {
        return new Outcome(b.build(), null);
    }

    /** Milliseconds rounded to microseconds, as the seed rounds to 2 decimals but a bit finer. */
    public static double round(double ms) {
        return Math.round(ms * 1000.0) / 1000.0;
    }
}

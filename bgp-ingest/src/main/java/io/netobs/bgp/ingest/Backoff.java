package io.netobs.bgp.ingest;

import java.util.function.LongUnaryOperator;

/**
 * Reconnect delays: exponential from {@code min}, capped at {@code max}, with "equal jitter" (half of
 * the step fixed, half random) so that many clients cut off together do not come back together.
 * Failures keep counting until {@link #reset()}: a server that accepts and closes at once is a failure
 * too, so only the caller decides when a connection has proved itself. Not thread-safe: one owner.
 */
final class Backoff {
    private final long minMs;
    private final long maxMs;
    /** Given n, a uniformly random number in [0, n]. */
    private final LongUnaryOperator random;
    private int failures;

    Backoff(long minMs, long maxMs, LongUnaryOperator random) {
        if (minMs <= 0 || maxMs < minMs) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + minMs + ", " + maxMs);
        }
        this.minMs = minMs;
        this.maxMs = maxMs;
        this.random = random;
    }

    /** Upper bound of the delay after {@code failures} consecutive failures (1 = the first). */
    long ceilingMs(int failures) {
        // minMs << doublings cannot overflow: it is only taken when it does not exceed maxMs.
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        return minMs > (maxMs >> doublings) ? maxMs : Math.min(maxMs, minMs << doublings);
    }

    /** Counts one more failure and returns how long to wait before the next attempt. */
    long nextDelayMs() {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        long ceiling = ceilingMs(failures);
        return ceiling - ceiling / 2 + random.applyAsLong(ceiling / 2);
    }

    void reset() {
        failures = 0;
    }

    int failures() {
        return failures;
    }
}

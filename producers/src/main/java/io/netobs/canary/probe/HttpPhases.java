package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;

/**
 * Phase durations summed over the redirect hops of one probe run, as blackbox_exporter sums them. A
 * phase that no hop reached (a failure before it) stays absent from the result rather than zero, so a
 * failed run does not report a "0 ms TLS handshake" it never made.
 */
final class HttpPhases {
    static final int DNS = 0;
    static final int CONNECT = 1;
    static final int TLS = 2;
    static final int FIRST_BYTE = 3;
    static final int TRANSFER = 4;

    private final long[] nanos = new long[5];
    private final boolean[] reached = new boolean[5];

    void add(int phase, long ns) {
        nanos[phase] += Math.max(0, ns);
        reached[phase] = true;
    }

    /** Sets the phase fields; {@code latency_ms} (their sum) only for a run that got its response. */
    CanaryResult.Builder applyTo(CanaryResult.Builder b, boolean complete) {
        b.dnsMs(ms(DNS)).connectMs(ms(CONNECT)).tlsMs(ms(TLS)).firstByteMs(ms(FIRST_BYTE)).transferMs(ms(TRANSFER));
        long total = 0;
        for (long n : nanos) {
            total += n;
        }
        return b.latencyMs(complete ? Outcome.round(total / 1e6) : null);
    }

    private Double ms(int phase) {
        return reached[phase] ? Outcome.round(nanos[phase] / 1e6) : null;
    }
}

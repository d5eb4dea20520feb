package io.netobs.streams.fault;

import io.netobs.schema.Status;

/**
 * One canary result as a test sent it: the fields the expected windows are computed from, and the
 * exact bytes on the wire. {@code latencyMs} is the latency field as sent (rtt_avg_ms for ping,
 * latency_ms otherwise), null when absent; {@code lossPercent} likewise.
 */
record Sent(String target, String type, String canary, Status status, Double latencyMs, Double lossPercent,
            long eventMs, boolean keyed, byte[] json) {
}

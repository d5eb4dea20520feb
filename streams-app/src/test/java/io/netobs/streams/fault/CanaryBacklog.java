package io.netobs.streams.fault;

import io.netobs.schema.Status;
import io.netobs.streams.canary.Results;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic backlog of canary results in the seed's wire format: result i is observed at
 * {@code firstMs + i * spacingMs} and belongs to target {@code i % targets}, so consecutive results
 * are for different targets and no instant carries many of them (as a canary agent's scheduler
 * spreads its targets). Each target has one probe type and two canaries taking turns. Latencies are
 * multiples of 0.25 ms, so every sum a window takes is exact in double arithmetic and the expected
 * windows can be compared with the app's exactly.
 */
final class CanaryBacklog {
    static final String[] TYPES = {"ping", "dns", "http"};
    static final String[] CANARIES = {"canary-a", "canary-b"};

    private CanaryBacklog() {
    }

    static String target(String prefix, int i) {
        return String.format("%s-%04d.example", prefix, i);
    }

    static List<Sent> generate(long seed, String prefix, int n, int targets, long firstMs, long spacingMs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Sent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int t = i % targets;
            out.add(result(rnd, target(prefix, t), TYPES[t % TYPES.length], CANARIES[(i / targets) % CANARIES.length],
                    firstMs + i * spacingMs, true));
        }
        return out;
    }

    /** One result with a random status; TIMEOUT results sometimes carry a latency, which windows must ignore. */
    static Sent result(SplittableRandom rnd, String target, String type, String canary, long eventMs, boolean keyed) {
        int roll = rnd.nextInt(100);
        Status status = roll < 70 ? Status.SUCCESS : roll < 85 ? Status.FAILURE : roll < 95 ? Status.TIMEOUT : Status.ERROR;
        Double latency = switch (status) {
            case SUCCESS, FAILURE -> 1.0 + rnd.nextInt(2000) * 0.25;
            case TIMEOUT -> rnd.nextBoolean() ? Double.valueOf(1000.0) : null;
            case ERROR -> null;
        };
        Instant at = Instant.ofEpochMilli(eventMs);
        String json;
        Double loss = null;
        switch (type) {
            case "ping" -> {
                loss = status == Status.SUCCESS ? Double.valueOf(20.0 * rnd.nextInt(3)) : status == Status.ERROR ? null : Double.valueOf(100.0);
                json = Results.ping(canary, target, status.name(), latency, loss, at);
            }
            case "dns" -> json = Results.dns(canary, target, status.name(), latency, "A", "127.0.0.53",
                    status == Status.SUCCESS ? "[\"192.0.2.1\"]" : "null", null, at);
            case "http" -> json = Results.http(canary, target, status.name(), latency,
                    status == Status.SUCCESS ? 200 : null, status == Status.SUCCESS ? 512L : null, null, null, at);
            default -> throw new IllegalArgumentException(type);
        }
        return new Sent(target, type, canary, status, latency, loss, eventMs, keyed, json.getBytes(StandardCharsets.UTF_8));
    }
}

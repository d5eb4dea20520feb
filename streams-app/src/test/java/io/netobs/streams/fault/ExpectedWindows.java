package io.netobs.streams.fault;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Status;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The closed windows the input implies, computed here from what was sent and nothing of the app's
 * code: per (target, type, canary, window) and per (target, type, window) across canaries, the count
 * and counts by status, availability, latency count, min, max and mean (SUCCESS and FAILURE results
 * with a latency only, as the design says), quantiles within the sketch's 1 % of the sample of rank
 * floor(q (n - 1)), mean packet loss, and jitter (mean absolute difference of consecutive latencies
 * of one canary in event-time order, pooled across canaries). Valid when every result of a series
 * arrives in event-time order and none is late, which the tests arrange and check.
 */
final class ExpectedWindows {
    /** Identifies a window; {@code canary} null for the aggregate across canaries. */
    record Key(String target, String type, String canary, long startMs) {
        static Key of(CanaryAggregate a) {
            return new Key(a.target(), a.type(), a.canaryId(), a.windowStartMs());
        }
    }

    private static final class Acc {
        long count;
        final Map<Status, Long> statuses = new EnumMap<>(Status.class);
        final List<Double> latencies = new ArrayList<>();
        double lossSum;
        long lossCount;
        double absDiffSum;
        long diffCount;
        Double last;
    }

    private final long sizeMs;
    private final Map<Key, Acc> windows = new LinkedHashMap<>();

    ExpectedWindows(long sizeMs) {
        this.sizeMs = sizeMs;
    }

    static ExpectedWindows of(Collection<Sent> sent, long sizeMs) {
        ExpectedWindows w = new ExpectedWindows(sizeMs);
        sent.stream().sorted((a, b) -> Long.compare(a.eventMs(), b.eventMs())).forEach(w::add);
        return w;
    }

    void add(Sent s) {
        long start = s.eventMs() - Math.floorMod(s.eventMs(), sizeMs);
        Acc one = windows.computeIfAbsent(new Key(s.target(), s.type(), s.canary(), start), k -> new Acc());
        Acc all = windows.computeIfAbsent(new Key(s.target(), s.type(), null, start), k -> new Acc());
        boolean withLatency = s.latencyMs() != null && (s.status() == Status.SUCCESS || s.status() == Status.FAILURE);
        for (Acc a : List.of(one, all)) {
            a.count++;
            a.statuses.merge(s.status(), 1L, Long::sum);
            if (s.lossPercent() != null) {
                a.lossSum += s.lossPercent();
                a.lossCount++;
            }
            if (withLatency) {
                a.latencies.add(s.latencyMs());
            }
        }
        if (withLatency) {
            // Consecutive differences belong to one canary; the per-target jitter pools them.
            if (one.last != null) {
                double d = Math.abs(s.latencyMs() - one.last);
                one.absDiffSum += d;
                one.diffCount++;
                all.absDiffSum += d;
                all.diffCount++;
            }
            one.last = s.latencyMs();
        }
    }

    /** The end of each target's last window: what /metrics shows once every window has closed. */
    Map<String, Long> lastEnds() {
        Map<String, Long> m = new HashMap<>();
        windows.keySet().forEach(k -> m.merge(k.target(), k.startMs() + sizeMs, Math::max));
        return m;
    }

    int size() {
        return windows.size();
    }

    java.util.Set<Key> keys() {
        return windows.keySet();
    }

    /** Every difference between the expected window and {@code a}; empty when they agree. */
    List<String> differences(CanaryAggregate a) {
        Key k = Key.of(a);
        Acc e = windows.get(k);
        List<String> d = new ArrayList<>();
        if (e == null) {
            d.add(k + ": not implied by the input");
            return d;
        }
        Map<String, Long> statuses = new HashMap<>();
        e.statuses.forEach((s, n) -> statuses.put(s.name(), n));
        long n = e.latencies.size();
        Double min = e.latencies.stream().min(Double::compare).orElse(null);
        Double max = e.latencies.stream().max(Double::compare).orElse(null);
        double sum = 0;
        for (double l : e.latencies) {
            sum += l;
        }
        check(d, k, "end", k.startMs() + sizeMs, a.windowEndMs());
        check(d, k, "count", e.count, a.count());
        check(d, k, "status counts", statuses, a.statusCounts());
        check(d, k, "availability", (double) e.statuses.getOrDefault(Status.SUCCESS, 0L) / e.count, a.availability());
        check(d, k, "latency count", n, a.latencyCount());
        check(d, k, "latency min", min, a.latencyMinMs());
        check(d, k, "latency max", max, a.latencyMaxMs());
        check(d, k, "latency mean", n == 0 ? null : sum / n, a.latencyMeanMs());
        check(d, k, "packet loss mean", e.lossCount == 0 ? null : e.lossSum / e.lossCount, a.packetLossMeanPercent());
        check(d, k, "jitter", e.diffCount == 0 ? null : e.absDiffSum / e.diffCount, a.jitterMs());
        quantile(d, k, e.latencies, 0.5, a.latencyP50Ms());
        quantile(d, k, e.latencies, 0.9, a.latencyP90Ms());
        quantile(d, k, e.latencies, 0.99, a.latencyP99Ms());
        return d;
    }

    /**
     * Where {@code a} holds more than the input puts in its window: a window may lack results that
     * arrived late (counted as such), never have one too many or one of another window.
     */
    List<String> excess(CanaryAggregate a) {
        Key k = Key.of(a);
        Acc e = windows.get(k);
        List<String> d = new ArrayList<>();
        if (e == null) {
            d.add(k + ": not implied by the input");
            return d;
        }
        if (a.count() > e.count) {
            d.add(k + ": count " + a.count() + " > " + e.count);
        }
        if (a.latencyCount() > e.latencies.size()) {
            d.add(k + ": latency count " + a.latencyCount() + " > " + e.latencies.size());
        }
        if (a.statusCounts() != null) {
            a.statusCounts().forEach((status, n) -> {
                long want = e.statuses.getOrDefault(Status.valueOf(status), 0L);
                if (n > want) {
                    d.add(k + ": " + status + " " + n + " > " + want);
                }
            });
        }
        return d;
    }

    /**
     * The windows read from canary-aggregates, the first copy of each compared with these windows:
     * copies per window, every difference and every excess, how many first copies are complete (no
     * difference) and the results they hold per canary.
     */
    record Compared(Map<Key, Integer> copies, List<String> differences, List<String> excess, long complete,
                    long windowed) {
        long doubled() {
            return copies.values().stream().filter(n -> n > 1).count();
        }
    }

    Compared compare(List<ConsumerRecord<String, byte[]>> records) {
        Map<Key, Integer> copies = new HashMap<>();
        List<String> differences = new ArrayList<>();
        List<String> excess = new ArrayList<>();
        long complete = 0;
        long windowed = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            CanaryAggregate a = PayloadSerdes.CANARY_AGGREGATE.deserialize(r.topic(), r.value());
            if (copies.merge(Key.of(a), 1, Integer::sum) == 1) {
                List<String> d = differences(a);
                differences.addAll(d);
                complete += d.isEmpty() ? 1 : 0;
                excess.addAll(excess(a));
                windowed += a.canaryId() == null ? 0 : a.count();
            }
        }
        return new Compared(copies, differences, excess, complete, windowed);
    }

    private static void check(List<String> d, Key k, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            d.add(k + ": " + what + " expected " + expected + " was " + actual);
        }
    }

    private static void quantile(List<String> d, Key k, List<Double> latencies, double q, Double actual) {
        if (latencies.isEmpty()) {
            check(d, k, "p" + (int) (q * 100), null, actual);
            return;
        }
        List<Double> sorted = latencies.stream().sorted().toList();
        double exact = sorted.get((int) Math.floor(q * (sorted.size() - 1)));
        if (actual == null || Math.abs(actual - exact) > 0.01 * exact + 1e-9) {
            d.add(k + ": p" + (int) (q * 100) + " expected within 1 % of " + exact + " was " + actual);
        }
    }
}

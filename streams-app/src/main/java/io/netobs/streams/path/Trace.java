package io.netobs.streams.path;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.Status;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One traceroute result as the analysis reads it: its path (see {@link PathShape}) and, per TTL, the
 * hop's latency and loss. Hops are grouped by TTL, so a result may list one TTL several times (one
 * entry per answering address, as traceroute prints a load-balanced hop); the agent lists each TTL once
 * with the first address that answered. Bounded: TTLs above {@link #MAX_HOPS} and addresses beyond
 * {@link #MAX_ADDRESSES} per TTL are left out and {@link #truncated} says so.
 *
 * <p>A hop's latency is the median of its RTTs: for traceroute's per-probe RTTs it ignores one
 * outlier, for mtr's best/avg/worst it is mtr's average. Its loss is the mean of the entries'
 * {@code loss_percent}, or else the share of probes without a reply.
 *
 * @param latencyMs per TTL (index TTL - 1), NaN when no probe was answered
 * @param lossRatio per TTL, NaN when the result says nothing about it
 */
record Trace(PathShape path, double[] latencyMs, double[] lossRatio, boolean truncated) {
    /** Most TTLs analysed and exported per path: traceroute's default max_hops is 30. */
    static final int MAX_HOPS = 32;
    /** Most addresses kept per TTL: the widest load balancing tracked. */
    static final int MAX_ADDRESSES = 8;
    /** Longest hop address accepted: a host name is at most 253 characters, an address far less. */
    static final int MAX_ADDRESS_CHARS = 255;

    /** The result's trace; null when it has no hops (an ERROR or TIMEOUT result). */
    static Trace of(CanaryResult r) {
        if (r.hops() == null || r.hops().isEmpty()) {
            return null;
        }
        List<Set<String>> addresses = new ArrayList<>();
        List<List<Double>> rtts = new ArrayList<>();
        double[] lossSum = new double[MAX_HOPS];
        int[] lossCount = new int[MAX_HOPS];
        boolean truncated = false;
        int lastAnswer = 0;
        for (CanaryResult.Hop h : r.hops()) {
            if (h.ttl() < 1 || h.ttl() > CanaryResult.MAX_HOPS) {
                throw new InvalidRecordException("hop ttl " + h.ttl() + " is not within 1.." + CanaryResult.MAX_HOPS);
            }
            String address = address(h.address());
            if (address != null) {
                lastAnswer = Math.max(lastAnswer, h.ttl());
            }
            if (h.ttl() > MAX_HOPS) {
                truncated |= address != null;
                continue;
            }
            int i = h.ttl() - 1;
            while (addresses.size() <= i) {
                addresses.add(new LinkedHashSet<>());
                rtts.add(new ArrayList<>());
            }
            if (address != null && !addresses.get(i).contains(address)) {
                if (addresses.get(i).size() < MAX_ADDRESSES) {
                    addresses.get(i).add(address);
                } else {
                    truncated = true;
                }
            }
            if (h.rttsMs() != null) {
                rtts.get(i).addAll(h.rttsMs());
            }
            if (h.lossPercent() != null && Double.isFinite(h.lossPercent())) {
                lossSum[i] += h.lossPercent();
                lossCount[i]++;
            }
        }
        boolean reached = r.destinationReached() != null ? r.destinationReached() : r.status() == Status.SUCCESS;
        PathShape path = PathShape.of(addresses, reached && lastAnswer <= MAX_HOPS);
        double[] latency = new double[addresses.size()];
        double[] loss = new double[addresses.size()];
        for (int i = 0; i < addresses.size(); i++) {
            latency[i] = median(rtts.get(i));
            loss[i] = lossCount[i] > 0 ? Math.min(1.0, lossSum[i] / lossCount[i] / 100.0) : unanswered(rtts.get(i));
        }
        return new Trace(path, latency, loss, truncated);
    }

    private static String address(String a) {
        if (a == null || a.isBlank() || a.equals("*") || a.equals("???")) {
            return null;
        }
        if (a.length() > MAX_ADDRESS_CHARS) {
            throw new InvalidRecordException("hop address of " + a.length() + " characters, more than "
                    + MAX_ADDRESS_CHARS);
        }
        return a.strip();
    }

    static double median(List<Double> values) {
        double[] v = values.stream().filter(x -> x != null && Double.isFinite(x) && x >= 0)
                .mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static double unanswered(List<Double> rtts) {
        if (rtts.isEmpty()) {
            return Double.NaN;
        }
        return rtts.stream().filter(x -> x == null).count() / (double) rtts.size();
    }
}

package io.netobs.streams.path;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a new trace shows the same path, and what it teaches about it. TTL by TTL a trace either
 * <ul>
 *   <li>says nothing: no reply at that TTL ({@code *}), or nobody ever answered there on the current
 *       path, or the current path stopped short of the destination and the trace goes further (its
 *       answers fill in what was unknown);</li>
 *   <li>agrees: one of its addresses is among the current path's addresses at that TTL;</li>
 *   <li>or differs: its addresses are all new there, or it answers beyond the destination the current
 *       path reached.</li>
 * </ul>
 * Differing TTLs are load balancing when they lie between two agreeing TTLs (the canary itself counts
 * as agreeing TTL 0) and at most {@link #MAX_DIAMOND} of them lie between the two: the paths diverge
 * and converge again, the "diamond" that per-packet and per-flow load balancers draw (Augustin et al.,
 * IMC 2007). A traceroute run reports one address per TTL and probe, so the several branches of a
 * load-balanced hop show up one run at a time; the current path learns them as they come. Any other
 * difference (no convergence after it, a wider divergence, a different length to the destination) is
 * a path change. What this cannot tell apart: one or two routers replaced between two unchanged
 * neighbours look like a new branch of a load balancer.
 */
final class PathComparison {
    /** Most consecutive differing TTLs between two agreeing ones that still count as load balancing. */
    static final int MAX_DIAMOND = 2;

    private PathComparison() {
    }

    /** The first TTL of a difference load balancing does not explain; 0 when the trace shows the same path. */
    static int firstChange(PathShape current, PathShape trace) {
        int n = Math.max(current.length(), trace.length());
        int firstDiff = 0;
        int diffs = 0;
        for (int t = 1; t <= n; t++) {
            List<String> seen = trace.at(t);
            if (seen.isEmpty()) {
                continue;
            }
            boolean differs;
            if (t > current.length()) {
                differs = current.reached();
            } else {
                List<String> known = current.at(t);
                if (known.isEmpty()) {
                    continue;
                }
                differs = !intersects(known, seen);
                if (!differs) {
                    if (diffs > MAX_DIAMOND) {
                        return firstDiff;
                    }
                    diffs = 0;
                    firstDiff = 0;
                }
            }
            if (differs && diffs++ == 0) {
                firstDiff = t;
            }
        }
        return firstDiff; // 0 unless a divergence never converged again
    }

    /** The current path with a trace of the same path folded in. */
    record Learned(PathShape path, int dropped) {
    }

    /**
     * The current path with every address of {@code trace} added at its TTL (a trace of the same path:
     * see {@link #firstChange}), keeping at most {@code maxAddresses} per TTL: known addresses first,
     * then new ones in order; {@code dropped} counts the new ones left out.
     */
    static Learned learn(PathShape current, PathShape trace, int maxAddresses) {
        int n = Math.max(current.length(), trace.length());
        List<Set<String>> hops = new ArrayList<>(n);
        int dropped = 0;
        for (int t = 1; t <= n; t++) {
            Set<String> at = new LinkedHashSet<>(current.at(t));
            for (String a : trace.at(t)) {
                if (at.size() < maxAddresses) {
                    at.add(a);
                } else if (!at.contains(a)) {
                    dropped++;
                }
            }
            hops.add(at);
        }
        return new Learned(PathShape.of(hops, current.reached() || trace.reached()), dropped);
    }

    private static boolean intersects(List<String> a, List<String> b) {
        for (String x : a) {
            if (b.contains(x)) {
                return true;
            }
        }
        return false;
    }
}

package io.netobs.schema.bgp;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Longest-prefix match over the configured prefixes: one hash table per (family, length), probed
 * from the route's own length down to the shortest configured length. A lookup costs at most one
 * hash probe per distinct configured length (a handful in practice), whatever the number of prefixes.
 */
final class MonitoredPrefixesIndex {
    private final Family v4 = new Family(32);
    private final Family v6 = new Family(128);

    MonitoredPrefixesIndex(List<MonitoredPrefixes.Prefix> prefixes) {
        for (MonitoredPrefixes.Prefix p : prefixes) {
            (p.prefix().isIpv6() ? v6 : v4).add(p);
        }
    }

    /** The most specific configured prefix containing {@code route}, or null. */
    MonitoredPrefixes.Prefix longestMatch(Cidr route) {
        return (route.isIpv6() ? v6 : v4).longestMatch(route);
    }

    private static final class Family {
        private final int bits;
        private final Map<Integer, Map<BigInteger, MonitoredPrefixes.Prefix>> byLength = new HashMap<>();
        /** Configured lengths, longest first. */
        private final TreeSet<Integer> lengths = new TreeSet<>((a, b) -> Integer.compare(b, a));

        Family(int bits) {
            this.bits = bits;
        }

        void add(MonitoredPrefixes.Prefix p) {
            int len = p.prefix().length();
            lengths.add(len);
            byLength.computeIfAbsent(len, l -> new HashMap<>())
                    .put(p.prefix().toBigInteger().shiftRight(bits - len), p);
        }

        MonitoredPrefixes.Prefix longestMatch(Cidr route) {
            if (lengths.isEmpty()) {
                return null;
            }
            BigInteger addr = route.toBigInteger();
            for (int len : lengths.tailSet(route.length(), true)) {
                MonitoredPrefixes.Prefix p = byLength.get(len).get(addr.shiftRight(bits - len));
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
    }
}

package io.netobs.streams.path;

import io.netobs.schema.PathEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A traceroute path as the analysis compares it: per TTL from 1, the sorted addresses seen answering
 * at that TTL (several when the hop is load-balanced; none when no reply came, traceroute's {@code *}
 * and mtr's {@code ???}), up to the last TTL that answered, and whether that last TTL is the
 * destination. TTLs after the last answer say nothing (a trace that stopped short prints {@code *} up
 * to max_hops), so they are not part of the path.
 *
 * @param hops    index i holds TTL i + 1; immutable, sorted, no trailing empty TTL
 * @param reached the last TTL is the destination: nothing can follow it on this path
 */
record PathShape(List<List<String>> hops, boolean reached) {
    static final PathShape NONE = new PathShape(List.of(), false);

    PathShape {
        int n = hops.size();
        while (n > 0 && hops.get(n - 1).isEmpty()) {
            n--;
        }
        List<List<String>> copy = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            copy.add(List.copyOf(new TreeSet<>(hops.get(i))));
        }
        hops = List.copyOf(copy);
        reached = reached && n > 0;
    }

    /** A path from per-TTL address collections (index i = TTL i + 1), sorted and de-duplicated. */
    static PathShape of(List<? extends Collection<String>> perTtl, boolean reached) {
        List<List<String>> hops = new ArrayList<>(perTtl.size());
        perTtl.forEach(c -> hops.add(List.copyOf(c)));
        return new PathShape(hops, reached);
    }

    /** TTLs up to the last one that answered. */
    int length() {
        return hops.size();
    }

    /** The addresses at a TTL; empty for no reply or a TTL beyond the path. */
    List<String> at(int ttl) {
        return ttl >= 1 && ttl <= hops.size() ? hops.get(ttl - 1) : List.of();
    }

    /** "a,b" or "*", for event texts. */
    String describe(int ttl) {
        List<String> a = at(ttl);
        return a.isEmpty() ? "*" : String.join(",", a);
    }

    List<PathEvent.Hop> toEvent() {
        List<PathEvent.Hop> out = new ArrayList<>(hops.size());
        for (int i = 0; i < hops.size(); i++) {
            out.add(new PathEvent.Hop(i + 1, hops.get(i)));
        }
        return List.copyOf(out);
    }
}

package io.netobs.bgp.ingest;

import io.netobs.schema.bgp.Cidr;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Canonical spellings shared by the RIS Live and MRT parsers, so the same collector, peer or
 * prefix is one label value whichever feed it came from.
 */
final class Canon {
    static final String RIS = "ris";
    static final String ROUTEVIEWS = "routeviews";

    private Canon() {
    }

    /** {@code rrc25.ripe.net} and {@code RRC25} are both {@code rrc25}. */
    static String collector(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".ripe.net")) {
            h = h.substring(0, h.length() - ".ripe.net".length());
        }
        if (h.endsWith(".routeviews.org")) {
            h = h.substring(0, h.length() - ".routeviews.org".length());
        }
        return h;
    }

    /** The project a canonical collector belongs to, or null when the name is neither RIS nor RouteViews. */
    static String project(String collector) {
        if (collector.startsWith("rrc")) {
            return RIS;
        }
        if (collector.startsWith("route-views")) {
            return ROUTEVIEWS;
        }
        return null;
    }

    /**
     * Canonical address text. Peers and next hops repeat endlessly in a feed, so a small bounded
     * cache keeps the literal parse off the hot path without growing with a hostile stream.
     */
    static String address(String literal, String reason) throws FrameException {
        String cached = ADDRESSES.get(literal);
        if (cached != null) {
            return cached;
        }
        String canonical;
        try {
            canonical = Cidr.format(Cidr.parseAddress(literal));
        } catch (IllegalArgumentException e) {
            throw new FrameException(reason, e.getMessage());
        }
        ADDRESSES.put(literal, canonical);
        return canonical;
    }

    /** Canonical prefix text; host bits are a distinct rejection from an unparsable prefix. */
    static String prefix(String text) throws FrameException {
        String cached = PREFIXES.get(text);
        if (cached != null) {
            return cached;
        }
        String canonical;
        try {
            canonical = Cidr.parse(text).toString();
        } catch (IllegalArgumentException e) {
            String m = String.valueOf(e.getMessage());
            throw new FrameException(m.contains("host bits") ? Reasons.PREFIX_HOST_BITS : Reasons.BAD_PREFIX, m);
        }
        PREFIXES.put(text, canonical);
        return canonical;
    }

    private static final BoundedCache ADDRESSES = new BoundedCache(8192);
    private static final BoundedCache PREFIXES = new BoundedCache(65536);

    /** A synchronized LRU map; parsers run on one publisher thread, so contention is nil. */
    private static final class BoundedCache {
        private final Map<String, String> map;

        BoundedCache(int max) {
            this.map = new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > max;
                }
            };
        }

        synchronized String get(String k) {
            return map.get(k);
        }

        synchronized void put(String k, String v) {
            map.put(k, v);
        }
    }
}

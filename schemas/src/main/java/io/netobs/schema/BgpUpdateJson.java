package io.netobs.schema;

import java.util.List;
import java.util.Map;

/**
 * The fast decoder of a {@link BgpUpdate}, for the shape the ingester writes: one pass, no tree, no
 * reflection. It returns null for anything it does not read plainly, and {@link JsonSerde} then
 * decodes the document with Jackson, which decides what is accepted, the values and every error.
 * Validation runs after either.
 */
final class BgpUpdateJson {
    private static final int MAX = Json.MAX_STRING_CHARS;
    private static final int NAME_MAX = 50_000;
    private static final Map<String, Integer> FIELDS = Map.ofEntries(Map.entry("schema_version", 0),
            Map.entry("timestamp_ms", 1), Map.entry("collector", 2), Map.entry("project", 3), Map.entry("peer_ip", 4),
            Map.entry("peer_asn", 5), Map.entry("type", 6), Map.entry("prefix", 7), Map.entry("as_path", 8),
            Map.entry("as_set", 9), Map.entry("origin_asns", 10), Map.entry("next_hop", 11),
            Map.entry("communities", 12), Map.entry("source", 13));

    private BgpUpdateJson() {
    }

    /** The update, or null when the general decoder must read this document. */
    static BgpUpdate read(byte[] json) {
        try {
            return parse(new FastJson(json));
        } catch (FastJson.NotFast | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static BgpUpdate parse(FastJson in) {
        Integer schemaVersion = null;
        long timestampMs = 0;
        long peerAsn = 0;
        String collector = null, project = null, peerIp = null, prefix = null, nextHop = null, source = null;
        BgpUpdate.Kind type = null;
        List<Long> asPath = null, asSet = null, originAsns = null;
        List<String> communities = null;
        long seen = 0;
        java.util.Set<String> unknown = null;
        in.expect('{');
        if (!in.accept('}')) {
            do {
                String name = in.string(NAME_MAX);
                in.expect(':');
                Integer field = FIELDS.get(name);
                if (field != null) {
                    if ((seen & (1L << field)) != 0) {
                        throw FastJson.notFast();
                    }
                    seen |= 1L << field;
                } else {
                    unknown = unknown == null ? new java.util.HashSet<>() : unknown;
                    if (!unknown.add(name)) {
                        throw FastJson.notFast();
                    }
                }
                switch (name) {
                    case "schema_version" -> schemaVersion = in.nextIsNull() ? null : Math.toIntExact(integer(in));
                    case "timestamp_ms" -> timestampMs = primitive(in);
                    case "collector" -> collector = string(in);
                    case "project" -> project = string(in);
                    case "peer_ip" -> peerIp = string(in);
                    case "peer_asn" -> peerAsn = primitive(in);
                    case "type" -> type = kind(in);
                    case "prefix" -> prefix = string(in);
                    case "as_path" -> asPath = longs(in);
                    case "as_set" -> asSet = longs(in);
                    case "origin_asns" -> originAsns = longs(in);
                    case "next_hop" -> nextHop = string(in);
                    case "communities" -> communities = strings(in);
                    case "source" -> source = string(in);
                    default -> in.skipScalar();
                }
            } while (in.accept(','));
            in.expect('}');
        }
        in.end();
        return new BgpUpdate(schemaVersion, timestampMs, collector, project, peerIp, peerAsn, type, prefix, asPath,
                asSet, originAsns, nextHop, communities, source);
    }

    private static long integer(FastJson in) {
        long v = in.integer();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw FastJson.notFast();
        }
        return v;
    }

    /** A long into a primitive component: null is Jackson's to judge. */
    private static long primitive(FastJson in) {
        if (in.peek() == 'n') {
            throw FastJson.notFast();
        }
        return in.integer();
    }

    private static String string(FastJson in) {
        return in.stringOrNull(MAX);
    }

    private static BgpUpdate.Kind kind(FastJson in) {
        if (in.nextIsNull()) {
            return null;
        }
        String s = in.string(MAX);
        for (BgpUpdate.Kind k : BgpUpdate.Kind.values()) {
            if (k.name().equals(s)) {
                return k;
            }
        }
        throw FastJson.notFast();
    }

    private static List<Long> longs(FastJson in) {
        return in.array(e -> {
            if (e.peek() == 'n') {
                throw FastJson.notFast(); // a null element: Jackson reads it, validation refuses it
            }
            return e.integer();
        });
    }

    private static List<String> strings(FastJson in) {
        return in.array(BgpUpdateJson::string);
    }
}

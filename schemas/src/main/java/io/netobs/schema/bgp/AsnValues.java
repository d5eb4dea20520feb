package io.netobs.schema.bgp;

import io.netobs.schema.bgp.MonitoredPrefixesYaml.Node;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The AS values of prefixes.yml: {@code asn} (AS numbers, AS-SET names, {@code "*"} for any origin, AS0
 * for none), {@code upstreams} (AS numbers and AS-SET names) and single ASNs; every mistake names its line.
 */
final class AsnValues {
    static final String ANY = "*";

    /** What {@code asn} allows: the listed origins, any origin, or (neither) no origin at all. */
    record Origins(Set<Long> asns, boolean any) {
        static final Origins NONE = new Origins(Set.of(), false);
    }

    private final String source;
    private final AsSets sets;

    AsnValues(String source, AsSets sets) {
        this.source = source;
        this.sets = sets;
    }

    /**
     * {@code asn} of one prefix. AS0 alone means "no origin" (RFC 7607: AS0 is never a valid origin, and an
     * AS0 ROA says the space must not be routed); {@code "*"} alone means any origin.
     */
    Origins origins(Node node, String prefix) {
        List<Node> items = list(node, "asn");
        if (items.isEmpty()) {
            throw error(node.line(), "asn of " + prefix + " lists no origin; to say no AS may announce the prefix,"
                    + " write announce: false (or asn: 0)");
        }
        Set<Long> asns = new LinkedHashSet<>();
        boolean any = false;
        boolean zero = false;
        for (Node n : items) {
            String text = text(n, "asn");
            if (text.equals(ANY)) {
                any = true;
                continue;
            }
            Set<Long> resolved = resolve(n, text, "asn");
            zero |= resolved.contains(0L);
            asns.addAll(resolved);
        }
        if (any && items.size() > 1) {
            throw error(node.line(), "asn of " + prefix + ": \"*\" (any origin) cannot be combined with other origins");
        }
        if (zero && items.size() > 1) {
            throw error(node.line(), "asn of " + prefix + ": AS0 (no origin may announce it) cannot be combined with"
                    + " other origins");
        }
        return any ? new Origins(Set.of(), true) : zero ? Origins.NONE : new Origins(asns, false);
    }

    /** {@code upstreams}: AS numbers and AS-SET names; empty when absent. */
    Set<Long> upstreams(Node node) {
        Set<Long> out = new LinkedHashSet<>();
        if (node == null || node.value() == null) {
            return out;
        }
        for (Node n : list(node, "upstreams")) {
            Set<Long> resolved = resolve(n, text(n, "upstreams"), "upstreams");
            if (resolved.contains(0L)) {
                throw error(n.line(), "upstreams: AS0 is never a neighbour; omit upstreams to allow any");
            }
            out.addAll(resolved);
        }
        return out;
    }

    /** One AS number: 13335, "13335" or "AS13335". */
    long asn(Node n, String field) {
        long v = Asn.parse(n.value() == null ? "" : n.value().toString(), n.value() instanceof String);
        if (v < 0) {
            throw error(n.line(), field + " value '" + n.value() + "' is not an AS number (0..4294967295, e.g. 13335 or AS13335)");
        }
        return v;
    }

    /** An AS number, or the members of an AS-SET. */
    private Set<Long> resolve(Node n, String text, String field) {
        if (!AsSets.isSetName(text)) {
            long v = Asn.parse(text, n.value() instanceof String);
            if (v < 0) {
                throw error(n.line(), field + " value '" + n.value() + "' is not an AS number (0..4294967295, e.g."
                        + " 13335 or AS13335)" + (field.equals("asn") ? ", an AS-SET name or \"*\"" : " or an AS-SET name"));
            }
            return Set.of(v);
        }
        Set<Long> members = sets.members(text);
        if (members == null) {
            throw error(n.line(), sets.source() == null
                    ? "AS-SET " + text + " is not defined: there is no AS-SET file (as-sets.yml beside this file, or"
                            + " the file NETOBS_BGP_AS_SETS names)"
                    : "unknown AS-SET " + text + " (not defined in " + sets.source() + ")");
        }
        if (members.isEmpty()) {
            throw error(n.line(), "AS-SET " + text + " (" + sets.source() + ") has no members"
                    + (field.equals("asn") ? "; to say no AS may announce the prefix, write announce: false" : ""));
        }
        return members;
    }

    private List<Node> list(Node node, String field) {
        if (node.isMap()) {
            throw error(node.line(), field + " must be a value or a list, not a mapping");
        }
        if (node.value() == null) {
            return List.of();
        }
        return node.isList() ? node.list() : List.of(node);
    }

    private String text(Node n, String field) {
        if (n.isMap() || n.isList()) {
            throw error(n.line(), field + " entries must be single values");
        }
        return n.value() == null ? "" : n.value().toString().trim();
    }

    private MonitoredPrefixesException error(int line, String reason) {
        return new MonitoredPrefixesException(source, line, reason);
    }
}

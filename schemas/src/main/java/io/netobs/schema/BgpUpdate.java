package io.netobs.schema;

import java.util.List;

/**
 * One route event of one prefix seen by one peer, on {@link Topics#BGP_UPDATES}, keyed by
 * {@code prefix}; {@code schemas/bgp-update.schema.json} describes the same shape.
 *
 * <p>A {@link Kind#PEER_DOWN} record has no prefix: the peer's BGP session went down, so every route
 * it announced is gone. The ingester keys it by {@code peer_ip}.
 *
 * @param timestampMs   BGP event time (collector time), Unix milliseconds; also the record timestamp
 * @param collector     canonical collector name: {@code rrc25} for RIS ({@code rrc25.ripe.net}),
 *                      {@code route-views.jinx} for RouteViews
 * @param project       {@code ris} or {@code routeviews}
 * @param prefix        canonical CIDR (lower-case, compressed IPv6, no host bits)
 * @param asPath        the AS_SEQUENCE hops in order, nearest peer first; a trailing AS_SET is not here
 * @param asSet         members of a trailing AS_SET, or null
 * @param originAsns    the origin: the last hop, or the AS_SET's members; empty for a withdrawal
 * @param communities   "asn:value" strings
 * @param source        where the record came from: ris-live, mrt, ris-live-replay
 */
public record BgpUpdate(
        Integer schemaVersion,
        long timestampMs,
        String collector,
        String project,
        String peerIp,
        long peerAsn,
        Kind type,
        String prefix,
        List<Long> asPath,
        List<Long> asSet,
        List<Long> originAsns,
        String nextHop,
        List<String> communities,
        String source) implements Validatable {

    public static final int SCHEMA_VERSION = 1;
    /** Most AS numbers accepted in a path or set (a BGP AS_PATH of 4-octet ASNs fits in 4 KB). */
    public static final int MAX_PATH = 1024;

    public enum Kind { ANNOUNCE, WITHDRAW, PEER_DOWN }

    @Override
    public void validate() {
        Checks.required("collector", collector);
        Checks.required("project", project);
        Checks.required("peer_ip", peerIp);
        if (type == null) {
            throw new InvalidRecordException("missing required field 'type'");
        }
        if (type != Kind.PEER_DOWN) {
            Checks.required("prefix", prefix);
        }
        if (type == Kind.ANNOUNCE && (originAsns == null || originAsns.isEmpty())) {
            throw new InvalidRecordException("announcement without origin AS");
        }
        if (peerAsn < 0 || peerAsn > 0xFFFF_FFFFL) {
            throw new InvalidRecordException("peer_asn out of range: " + peerAsn);
        }
        // A null inside a list stopped the route-state processor for good (a NullPointerException on
        // every retry); such a record is refused here, with the field named.
        checkAsns("as_path", asPath);
        checkAsns("as_set", asSet);
        checkAsns("origin_asns", originAsns);
        Checks.noNulls("communities", communities);
        Checks.maxSize("as_path", asPath, MAX_PATH);
        Checks.maxSize("as_set", asSet, MAX_PATH);
        Checks.maxSize("origin_asns", originAsns, MAX_PATH);
        Checks.maxSize("communities", communities, MAX_PATH * 4);
        Checks.label("next_hop", nextHop);
        Checks.label("source", source);
    }

    /** The single origin AS, or null for an AS_SET origin or a withdrawal. */
    public Long singleOrigin() {
        return originAsns != null && originAsns.size() == 1 && asSet == null ? originAsns.get(0) : null;
    }

    private static void checkAsns(String field, List<Long> asns) {
        Checks.noNulls(field, asns);
        if (asns != null) {
            asns.forEach(a -> Checks.asn(field, a));
        }
    }
}

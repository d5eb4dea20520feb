package io.netobs.streams.bgp;

import java.util.List;

/**
 * One peer's current route to one prefix, the value of {@link BgpNames#STORE_ROUTES}. A withdrawn
 * route stays as {@code announced = false} so "peers that ever reported" survives withdrawals.
 *
 * @param originKey    the origin as used in labels: "13335", or "{13340,13341}" for an AS_SET
 * @param upstreamAsn  first hop before the origin (prepending skipped), kept only for routes with an
 *                     expected origin: a hijacker's upstream is not "a new upstream of ours"
 */
public record RouteEntry(
        boolean announced,
        String peerIp,
        long peerAsn,
        String collector,
        String project,
        String originKey,
        List<Long> asPath,
        Long upstreamAsn,
        long timestampMs) {

    /** This route withdrawn at {@code atMs}; peer identity kept. */
    public RouteEntry withdrawn(long atMs) {
        return new RouteEntry(false, peerIp, peerAsn, collector, project, null, null, null, atMs);
    }
}

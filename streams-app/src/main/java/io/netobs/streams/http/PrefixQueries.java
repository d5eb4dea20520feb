package io.netobs.streams.http;

import io.netobs.schema.BgpEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the BGP state of monitored prefixes, wherever it lives. Throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when the owning store is not
 * queryable yet; the HTTP layer turns that into 503.
 */
public interface PrefixQueries {
    /** Newest first, then by id, so the list is stable between two reads. */
    Comparator<BgpEvent> NEWEST_FIRST = Comparator.comparingLong(BgpEvent::openedAtMs).reversed()
            .thenComparing(BgpEvent::id);

    /** Every monitored prefix of the configuration, in prefix order, with {@code seen = false} before any update. */
    List<PrefixView> prefixes();

    /** One monitored prefix, given in canonical form; empty when it is not monitored. */
    Optional<PrefixView> prefix(String monitored);

    /** The events open now, of every monitored prefix and its more-specifics. */
    default List<BgpEvent> openEvents() {
        return prefixes().stream().flatMap(p -> p.openEvents().stream()).sorted(NEWEST_FIRST).toList();
    }

    /**
     * One monitored prefix: its configuration and what the route table says now.
     *
     * @param visiblePeers      peers announcing the monitored prefix itself now
     * @param reportingPeers    peers that ever announced or withdrew it
     * @param maxVisiblePeers   the most peers that ever announced it at once (visibility's reference)
     * @param origins           origins of the announcing routes, with their peer counts
     * @param upstreams         first hops before an expected origin; {@code allowed} null when not configured
     * @param rpki              routes of the prefix by RPKI state (valid, invalid, not-found); null without VRPs
     * @param moreSpecifics     the more-specifics tracked under it (at most maxMoreSpecifics)
     * @param eventsOpened      events opened so far, by kind, over the prefix and its more-specifics
     * @param openEvents        the events open now, newest first
     */
    record PrefixView(
            String prefix,
            String description,
            String group,
            List<Long> expectedOrigins,
            List<Long> allowedUpstreams,
            boolean seen,
            long visiblePeers,
            long reportingPeers,
            long maxVisiblePeers,
            long announcements,
            long withdrawals,
            List<OriginView> origins,
            List<UpstreamView> upstreams,
            Map<String, Long> rpki,
            long moreSpecificsTracked,
            long moreSpecificsOverflow,
            List<MoreSpecificView> moreSpecifics,
            Map<String, Long> eventsOpened,
            List<BgpEvent> openEvents) {
    }

    /** An origin ("13335", or "{13340,13341}" for an AS_SET) and the peers announcing from it now. */
    record OriginView(String origin, long peers, boolean expected) {
    }

    record UpstreamView(long asn, long peers, Boolean allowed) {
    }

    record MoreSpecificView(String prefix, long visiblePeers, long reportingPeers, List<OriginView> origins) {
    }
}

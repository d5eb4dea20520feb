package io.netobs.schema;

import java.util.List;

/**
 * A traceroute path change of one (target, canary) on {@link Topics#PATH_EVENTS}, keyed by target;
 * {@code schemas/path-event.schema.json} describes the same shape. Like {@link BgpEvent}, each event is
 * written twice: once with {@code state = OPEN} when the path changes and once with
 * {@code state = CLOSED} when it resolves, both with the same {@code id}
 * ({@code PATH_CHANGED|target|canary|opened_at_ms}) and the same paths, so a consumer can pair them.
 *
 * @param oldPath            the path that was stable before the change, one entry per TTL from 1
 * @param newPath            the path that replaced it, as first seen
 * @param firstDifferenceTtl the first TTL at which the new path differs from the old one in a way
 *                           neither a non-answering hop nor load balancing explains
 * @param openedAtMs         observation time of the result that showed the change, Unix ms
 * @param closedAtMs         observation time of the result that resolved it (wall time for
 *                           {@link CloseReason#EXPIRED}); null while open
 * @param closeReason        why it closed; null while open
 * @param detail             human-readable explanation
 */
public record PathEvent(
        Integer schemaVersion,
        String id,
        Kind kind,
        State state,
        String target,
        String canaryId,
        String pop,
        List<Hop> oldPath,
        List<Hop> newPath,
        int firstDifferenceTtl,
        long openedAtMs,
        Long closedAtMs,
        CloseReason closeReason,
        String detail) {

    public static final int SCHEMA_VERSION = 1;

    public enum Kind { PATH_CHANGED }

    public enum State { OPEN, CLOSED }

    /**
     * RETURNED: the path went back to the old one. STABLE: the new path held for long enough to be the
     * new normal. SUPERSEDED: it changed again to a third path (a new event opens for that one).
     * EXPIRED: the series received no result for NETOBS_SERIES_EXPIRY.
     */
    public enum CloseReason { RETURNED, STABLE, SUPERSEDED, EXPIRED }

    /**
     * One TTL of a path: the addresses seen answering at that TTL, sorted; several when the hop is
     * load-balanced, none when no reply ever came (traceroute's {@code *}).
     */
    public record Hop(int ttl, List<String> addresses) {
    }
}

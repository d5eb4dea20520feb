package io.netobs.schema;

import java.util.List;

/**
 * A derived route event on {@link Topics#BGP_EVENTS}, keyed by the monitored prefix. Each event is
 * written with {@code state = OPEN} when it starts, again with {@code state = OPEN} each time its
 * severity changes while it is open (same {@code openedAtMs}, the new severity, peers and detail), and
 * once with {@code state = CLOSED} when it resolves, all carrying the same stable {@code id} (kind,
 * prefix and the distinguishing detail, e.g. the hijacking origin), so a consumer keeps the latest
 * record of each id.
 *
 * @param kind             what happened (see {@link Kind})
 * @param prefix           the prefix announced (the monitored one or a more-specific of it)
 * @param monitoredPrefix  the configured prefix it belongs to
 * @param severity         critical, warning or info
 * @param expectedOriginAsns  the origins the configuration allows; empty when none may announce the
 *                         prefix (SQUATTING), null when any origin may
 * @param peers            distinct peers that saw it when the record was written
 * @param detail           human-readable explanation
 */
public record BgpEvent(
        Integer schemaVersion,
        String id,
        Kind kind,
        State state,
        String prefix,
        String monitoredPrefix,
        String group,
        String severity,
        List<Long> originAsns,
        List<Long> expectedOriginAsns,
        Long upstreamAsn,
        String rpkiStatus,
        int peers,
        long openedAtMs,
        Long closedAtMs,
        String detail) {

    public static final int SCHEMA_VERSION = 1;

    /** Append only: the streams app's state stores keep a kind by its ordinal. */
    public enum Kind { ORIGIN_HIJACK, MORE_SPECIFIC, VISIBILITY_LOST, NEW_UPSTREAM, RPKI_INVALID, SQUATTING }

    public enum State { OPEN, CLOSED }
}

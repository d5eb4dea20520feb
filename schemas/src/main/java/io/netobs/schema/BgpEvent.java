package io.netobs.schema;

import java.util.List;

/**
 * A derived route event on {@link Topics#BGP_EVENTS}, keyed by the monitored prefix. Each event is
 * written twice: once with {@code state = OPEN} when it starts and once with {@code state = CLOSED}
 * when it resolves, both carrying the same stable {@code id} (kind, monitored prefix and the
 * distinguishing detail, e.g. the hijacking origin), so a consumer can pair them.
 *
 * @param kind             what happened (see {@link Kind})
 * @param prefix           the prefix announced (the monitored one or a more-specific of it)
 * @param monitoredPrefix  the configured prefix it belongs to
 * @param severity         critical, warning or info
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

    public enum Kind { ORIGIN_HIJACK, MORE_SPECIFIC, VISIBILITY_LOST, NEW_UPSTREAM, RPKI_INVALID }

    public enum State { OPEN, CLOSED }
}

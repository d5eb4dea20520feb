package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import java.util.List;

/**
 * What one frame (a RIS Live message or an MRT record) turned into. Every frame ends in exactly one
 * of these, so the {@code frames_total{result}} counter always adds up to the frames received.
 */
public sealed interface ParseResult {

    /** Route records to publish; {@code collector}/{@code eventTimeMs} feed the freshness gauges. */
    record Updates(List<BgpUpdate> updates, String collector, long eventTimeMs) implements ParseResult {
    }

    /**
     * A well-formed frame that carries no route (OPEN, KEEPALIVE, ris_subscribe_ok, pong, ...).
     * {@code collector} is null when the frame names none.
     */
    record Ignored(String what, String collector, long eventTimeMs) implements ParseResult {
        public Ignored(String what) {
            this(what, null, 0L);
        }
    }

    /** The server reported an error about our session (RIS Live {@code ris_error}). */
    record RisError(String message) implements ParseResult {
    }

    /**
     * A malformed frame. {@code reason} is a short fixed class (bounded label set), {@code detail}
     * says what exactly was wrong and goes into the dead-letter header.
     */
    record Rejected(String reason, String detail) implements ParseResult {
        public String headerText() {
            return reason + ": " + detail;
        }
    }
}

package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import io.netobs.schema.bgp.Cidr;
import java.util.List;

/**
 * Decodes BGP4MP and BGP4MP_ET records (RFC 6396 sections 4.4 and 4.4.1) into {@link BgpUpdate}s.
 * Other MRT types (TABLE_DUMP, RIB snapshots) are not update streams and are ignored, counted.
 */
final class MrtDecoder {
    static final int BGP4MP = 16;
    static final int BGP4MP_ET = 17;
    static final int STATE_CHANGE = 0;
    static final int MESSAGE = 1;
    static final int MESSAGE_AS4 = 4;
    static final int STATE_CHANGE_AS4 = 5;
    static final int MESSAGE_LOCAL = 6;
    static final int MESSAGE_AS4_LOCAL = 7;
    static final int MESSAGE_ADDPATH = 8;
    static final int MESSAGE_AS4_ADDPATH = 9;
    static final int MESSAGE_LOCAL_ADDPATH = 10;
    static final int MESSAGE_AS4_LOCAL_ADDPATH = 11;
    /** BGP FSM state 6 (RFC 6396 4.4.1): anything else means the session is not carrying routes. */
    static final int ESTABLISHED = 6;

    private final String collector;
    private final String project;
    private final String source;

    MrtDecoder(String collector, String project, String source) {
        this.collector = collector;
        this.project = project;
        this.source = source;
    }

    ParseResult decode(MrtReader.Record r) {
        if (r.type() != BGP4MP && r.type() != BGP4MP_ET) {
            return new ParseResult.Ignored("mrt_type_" + r.type(), collector, r.timestampSec() * 1000);
        }
        try {
            Buf buf = new Buf(r.raw(), MrtReader.Record.HEADER_BYTES, r.raw().length);
            long timeMs = r.timestampSec() * 1000;
            if (r.type() == BGP4MP_ET) {
                timeMs += buf.u32() / 1000;
            }
            int st = r.subtype();
            boolean as4 = st == MESSAGE_AS4 || st == STATE_CHANGE_AS4 || st == MESSAGE_AS4_LOCAL
                    || st == MESSAGE_AS4_ADDPATH || st == MESSAGE_AS4_LOCAL_ADDPATH;
            boolean addPath = st >= MESSAGE_ADDPATH && st <= MESSAGE_AS4_LOCAL_ADDPATH;
            if (st != STATE_CHANGE && st != STATE_CHANGE_AS4 && st != MESSAGE && st != MESSAGE_AS4
                    && st != MESSAGE_LOCAL && st != MESSAGE_AS4_LOCAL && !addPath) {
                return new ParseResult.Ignored("bgp4mp_subtype_" + st, collector, timeMs);
            }
            long peerAsn = as4 ? buf.u32() : buf.u16();
            buf.skip(as4 ? 4 : 2); // local AS
            buf.skip(2); // interface index
            int afi = buf.u16();
            int addrLen = switch (afi) {
                case 1 -> 4;
                case 2 -> 16;
                default -> throw new FrameException(Reasons.BAD_PEER, "BGP4MP address family " + afi);
            };
            String peerIp = Cidr.format(buf.bytes(addrLen));
            buf.skip(addrLen); // local IP
            if (st == STATE_CHANGE || st == STATE_CHANGE_AS4) {
                buf.u16(); // old state
                int newState = buf.u16();
                if (newState == ESTABLISHED) {
                    return new ParseResult.Ignored("state_established", collector, timeMs);
                }
                BgpUpdate down = new BgpUpdate(BgpUpdate.SCHEMA_VERSION, timeMs, collector, project, peerIp, peerAsn,
                        Kind.PEER_DOWN, null, null, null, null, null, null, source);
                return new ParseResult.Updates(List.of(down), collector, timeMs);
            }
            BgpMessageDecoder.Route header = new BgpMessageDecoder.Route(timeMs, collector, project, peerIp, peerAsn, source);
            List<BgpUpdate> updates = BgpMessageDecoder.decode(buf, header, as4, addPath);
            if (updates == null) {
                return new ParseResult.Ignored("bgp_non_update", collector, timeMs);
            }
            if (updates.isEmpty()) {
                // An UPDATE without routes is an End-of-RIB marker (RFC 4724).
                return new ParseResult.Ignored("end_of_rib", collector, timeMs);
            }
            return new ParseResult.Updates(updates, collector, timeMs);
        } catch (FrameException e) {
            return e.toResult();
        }
    }
}

package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import io.netobs.schema.bgp.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Decodes one BGP UPDATE message (RFC 4271 4.3, RFC 4760 MP_REACH/MP_UNREACH, RFC 6793 AS4_PATH). */
final class BgpMessageDecoder {
    private static final int TYPE_UPDATE = 2;
    private static final int ATTR_ORIGIN = 1;
    private static final int ATTR_AS_PATH = 2;
    private static final int ATTR_NEXT_HOP = 3;
    private static final int ATTR_COMMUNITIES = 8;
    private static final int ATTR_MP_REACH = 14;
    private static final int ATTR_MP_UNREACH = 15;
    private static final int ATTR_AS4_PATH = 17;
    private static final int SAFI_UNICAST = 1;

    /** The per-message fields every record of it shares. */
    record Route(long timeMs, String collector, String project, String peerIp, long peerAsn, String source) {
    }

    private BgpMessageDecoder() {
    }

    /** The records of an UPDATE, empty for End-of-RIB, or null when the message is not an UPDATE. */
    static List<BgpUpdate> decode(Buf buf, Route r, boolean as4, boolean addPath) throws FrameException {
        buf.skip(16); // marker
        int length = buf.u16();
        int type = buf.u8();
        if (length < 19 || length - 19 > buf.remaining()) {
            throw new FrameException(Reasons.BAD_BGP_MESSAGE, "BGP message length " + length + " does not fit the record");
        }
        if (type != TYPE_UPDATE) {
            return null;
        }
        Buf msg = buf.slice(length - 19);
        Set<String> withdrawn = new LinkedHashSet<>();
        prefixes(msg.slice(msg.u16()), false, addPath, withdrawn);
        Buf attrs = msg.slice(msg.u16());

        List<AsPaths.Segment> asPath = null;
        List<AsPaths.Segment> as4Path = null;
        String nextHop = null;
        String mpNextHop = null;
        List<String> communities = null;
        Set<String> announced = new LinkedHashSet<>();
        while (attrs.remaining() > 0) {
            int flags = attrs.u8();
            int code = attrs.u8();
            int len = (flags & 0x10) != 0 ? attrs.u16() : attrs.u8();
            Buf v = attrs.slice(len);
            switch (code) {
                case ATTR_ORIGIN -> {
                    int origin = v.u8();
                    if (origin > 2) {
                        throw new FrameException(Reasons.BAD_ORIGIN, "ORIGIN value " + origin);
                    }
                }
                case ATTR_AS_PATH -> asPath = AsPaths.segments(v, as4);
                case ATTR_AS4_PATH -> as4Path = AsPaths.segments(v, true);
                case ATTR_NEXT_HOP -> nextHop = Cidr.format(v.bytes(4));
                case ATTR_COMMUNITIES -> {
                    communities = new ArrayList<>(len / 4);
                    while (v.remaining() >= 4) {
                        communities.add(v.u16() + ":" + v.u16());
                    }
                }
                case ATTR_MP_REACH -> {
                    int afi = v.u16();
                    int safi = v.u8();
                    int nhLen = v.u8();
                    byte[] nh = v.bytes(nhLen);
                    v.skip(1); // reserved
                    if (safi == SAFI_UNICAST && (afi == 1 || afi == 2)) {
                        // IPv6 may carry global + link-local (32 bytes): the global one is first.
                        mpNextHop = nhLen >= 16 ? Cidr.format(java.util.Arrays.copyOf(nh, 16))
                                : nhLen == 4 ? Cidr.format(nh) : null;
                        prefixes(v, afi == 2, addPath, announced);
                    }
                }
                case ATTR_MP_UNREACH -> {
                    int afi = v.u16();
                    int safi = v.u8();
                    if (safi == SAFI_UNICAST && (afi == 1 || afi == 2)) {
                        prefixes(v, afi == 2, addPath, withdrawn);
                    }
                }
                default -> { }
            }
        }
        Set<String> v4announced = new LinkedHashSet<>();
        prefixes(msg, false, addPath, v4announced);

        List<BgpUpdate> out = new ArrayList<>();
        if (!announced.isEmpty() || !v4announced.isEmpty()) {
            AsPaths.Path path = AsPaths.fromSegments(AsPaths.mergeAs4(asPath, as4Path, as4));
            if (path.origins().isEmpty()) {
                throw new FrameException(Reasons.MISSING_ORIGIN_AS, "announcement with an empty AS path");
            }
            List<String> comms = communities == null ? null : List.copyOf(communities);
            for (String p : v4announced) {
                out.add(announce(r, p, path, nextHop, comms));
            }
            for (String p : announced) {
                if (!v4announced.contains(p)) {
                    out.add(announce(r, p, path, mpNextHop, comms));
                }
            }
        }
        for (String p : withdrawn) {
            out.add(new BgpUpdate(BgpUpdate.SCHEMA_VERSION, r.timeMs(), r.collector(), r.project(), r.peerIp(), r.peerAsn(),
                    Kind.WITHDRAW, p, null, null, List.of(), null, null, r.source()));
        }
        return out;
    }

    private static BgpUpdate announce(Route r, String prefix, AsPaths.Path path, String nextHop, List<String> comms) {
        return new BgpUpdate(BgpUpdate.SCHEMA_VERSION, r.timeMs(), r.collector(), r.project(), r.peerIp(), r.peerAsn(),
                Kind.ANNOUNCE, prefix, path.sequence(), path.set(), path.origins(), nextHop, comms, r.source());
    }

    /**
     * NLRI encoding (RFC 4271 4.3): length in bits, then just enough bytes. Trailing bits beyond the
     * length are "irrelevant" per the RFC, so they are cleared here rather than rejected.
     */
    private static void prefixes(Buf b, boolean ipv6, boolean addPath, Set<String> into) throws FrameException {
        int max = ipv6 ? 128 : 32;
        while (b.remaining() > 0) {
            if (addPath) {
                b.u32(); // path identifier (RFC 7911): one record per prefix and peer regardless
            }
            int bits = b.u8();
            if (bits > max) {
                throw new FrameException(Reasons.BAD_PREFIX, "NLRI length " + bits + " > " + max);
            }
            byte[] addr = new byte[ipv6 ? 16 : 4];
            int n = (bits + 7) / 8;
            byte[] raw = b.bytes(n);
            System.arraycopy(raw, 0, addr, 0, n);
            if (bits % 8 != 0) {
                addr[n - 1] &= (byte) (0xff << (8 - bits % 8));
            }
            into.add(Cidr.format(addr) + "/" + bits);
        }
    }
}

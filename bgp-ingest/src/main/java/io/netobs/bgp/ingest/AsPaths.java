package io.netobs.bgp.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** AS path shapes shared by the RIS Live and MRT parsers. */
final class AsPaths {
    private static final long MAX_ASN = 0xFFFF_FFFFL;

    private AsPaths() {
    }

    /**
     * @param sequence AS_SEQUENCE hops, peer first (never null)
     * @param set      members of a trailing AS_SET, or null
     * @param origins  the set's members, or the last hop; empty for an empty path
     */
    record Path(List<Long> sequence, List<Long> set, List<Long> origins) {
        static final Path EMPTY = new Path(List.of(), null, List.of());

        static Path of(List<Long> sequence, List<Long> set) {
            if (set != null) {
                List<Long> s = List.copyOf(set);
                return new Path(List.copyOf(sequence), s, s);
            }
            if (sequence.isEmpty()) {
                return EMPTY;
            }
            return new Path(List.copyOf(sequence), null, List.of(sequence.get(sequence.size() - 1)));
        }
    }

    /** RIS Live: numbers, with an AS_SET as a nested array; only a trailing set is meaningful as an origin. */
    static Path fromRisLive(JsonNode path) throws FrameException {
        if (path == null || path.isNull()) {
            return Path.EMPTY;
        }
        if (!path.isArray()) {
            throw new FrameException(Reasons.BAD_PATH, "'path' is not an array");
        }
        List<Long> seq = new ArrayList<>(path.size());
        List<Long> set = null;
        int n = path.size();
        for (int i = 0; i < n; i++) {
            JsonNode hop = path.get(i);
            if (hop.isArray()) {
                if (i != n - 1) {
                    throw new FrameException(Reasons.BAD_PATH, "AS_SET before the end of the path");
                }
                set = new ArrayList<>(hop.size());
                for (JsonNode m : hop) {
                    set.add(asn(m));
                }
                if (set.isEmpty()) {
                    throw new FrameException(Reasons.BAD_PATH, "empty AS_SET");
                }
            } else {
                seq.add(asn(hop));
            }
        }
        return Path.of(seq, set);
    }

    private static long asn(JsonNode n) throws FrameException {
        if (!n.isIntegralNumber() || n.longValue() < 0 || n.longValue() > MAX_ASN) {
            throw new FrameException(Reasons.BAD_PATH, "AS path hop " + n + " is not a 32-bit ASN");
        }
        return n.longValue();
    }

    static final int AS_SET = 1;
    static final int AS_SEQUENCE = 2;
    static final int AS_CONFED_SEQUENCE = 3;
    static final int AS_CONFED_SET = 4;

    /** One AS_PATH segment as carried on the wire. */
    record Segment(int type, long[] asns) {
        /** Hop count for the RFC 6793 merge: a set counts one, confederation segments none. */
        int hops() {
            return switch (type) {
                case AS_SEQUENCE -> asns.length;
                case AS_SET -> 1;
                default -> 0;
            };
        }
    }

    static List<Segment> segments(Buf v, boolean fourByte) throws FrameException {
        List<Segment> out = new ArrayList<>(2);
        while (v.remaining() > 0) {
            int type = v.u8();
            int count = v.u8();
            if (type < AS_SET || type > AS_CONFED_SET) {
                throw new FrameException(Reasons.BAD_PATH, "AS_PATH segment type " + type);
            }
            long[] asns = new long[count];
            for (int i = 0; i < count; i++) {
                asns[i] = fourByte ? v.u32() : v.u16();
            }
            out.add(new Segment(type, asns));
        }
        return out;
    }

    /**
     * RFC 6793 4.2.3: a 2-byte session carries AS_TRANS in AS_PATH and the real path in AS4_PATH;
     * keep the leading AS_PATH hops AS4_PATH does not cover, then AS4_PATH. An AS4_PATH longer than
     * AS_PATH is ignored, as the RFC says.
     */
    static List<Segment> mergeAs4(List<Segment> asPath, List<Segment> as4Path, boolean fourByteSession) {
        if (asPath == null) {
            return List.of();
        }
        if (fourByteSession || as4Path == null) {
            return asPath;
        }
        int n = asPath.stream().mapToInt(Segment::hops).sum();
        int m = as4Path.stream().mapToInt(Segment::hops).sum();
        if (n < m) {
            return asPath;
        }
        List<Segment> out = new ArrayList<>();
        int keep = n - m;
        for (Segment s : asPath) {
            if (keep <= 0) {
                break;
            }
            if (s.type() == AS_SEQUENCE && s.asns().length > keep) {
                out.add(new Segment(AS_SEQUENCE, java.util.Arrays.copyOf(s.asns(), keep)));
                keep = 0;
            } else {
                out.add(s);
                keep -= s.hops();
            }
        }
        out.addAll(as4Path);
        return out;
    }

    /** Segments to the record shape; confederation segments are internal to the peer and dropped. */
    static Path fromSegments(List<Segment> segments) throws FrameException {
        List<Long> seq = new ArrayList<>();
        List<Long> set = null;
        List<Segment> routed = segments.stream().filter(s -> s.type() == AS_SEQUENCE || s.type() == AS_SET).toList();
        for (int i = 0; i < routed.size(); i++) {
            Segment s = routed.get(i);
            if (s.type() == AS_SET) {
                if (i != routed.size() - 1) {
                    throw new FrameException(Reasons.BAD_PATH, "AS_SET before the end of the path");
                }
                if (s.asns().length == 0) {
                    throw new FrameException(Reasons.BAD_PATH, "empty AS_SET");
                }
                set = new ArrayList<>(s.asns().length);
                for (long a : s.asns()) {
                    set.add(a);
                }
            } else {
                for (long a : s.asns()) {
                    seq.add(a);
                }
            }
        }
        return Path.of(seq, set);
    }
}

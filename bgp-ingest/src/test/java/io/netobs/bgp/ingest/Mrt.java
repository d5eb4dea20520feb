package io.netobs.bgp.ingest;

import java.io.ByteArrayOutputStream;

/** Builds MRT records byte by byte for tests (RFC 6396 and RFC 4271 layouts). */
final class Mrt {
    private Mrt() {
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] u16(int v) {
        return new byte[] {(byte) (v >> 8), (byte) v};
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }

    static byte[] record(int type, int subtype, byte[] body) {
        return concat(u32(1_700_000_000L), u16(type), u16(subtype), u32(body.length), body);
    }

    /** BGP4MP header, IPv4 peer 10.0.0.2 and local 10.0.0.1, then {@code rest}. */
    static byte[] bgp4mpHeader(boolean as4, long peerAs, byte[] rest) {
        byte[] as = as4 ? concat(u32(peerAs), u32(12654)) : concat(u16((int) peerAs), u16(12654));
        return concat(as, u16(0), u16(1), new byte[] {10, 0, 0, 2}, new byte[] {10, 0, 0, 1}, rest);
    }

    static byte[] update(byte[] withdrawn, byte[] attrs, byte[] nlri) {
        byte[] body = concat(u16(withdrawn.length), withdrawn, u16(attrs.length), attrs, nlri);
        byte[] marker = new byte[16];
        java.util.Arrays.fill(marker, (byte) 0xff);
        return concat(marker, u16(19 + body.length), new byte[] {2}, body);
    }

    static byte[] attr(int flags, int code, byte[] value) {
        return concat(new byte[] {(byte) flags, (byte) code, (byte) value.length}, value);
    }

    static byte[] segment(int type, int asnBytes, long... asns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(asns.length);
        for (long a : asns) {
            out.writeBytes(asnBytes == 4 ? u32(a) : u16((int) a));
        }
        return out.toByteArray();
    }
}

package io.netobs.bgp.ingest;

/** A bounds-checked big-endian cursor over part of an MRT record; running past the end is a rejection. */
final class Buf {
    private final byte[] b;
    private int pos;
    private final int limit;

    Buf(byte[] b, int from, int limit) {
        this.b = b;
        this.pos = from;
        this.limit = limit;
    }

    int remaining() {
        return limit - pos;
    }

    int position() {
        return pos;
    }

    private void need(int n) throws FrameException {
        if (n < 0 || pos + n > limit) {
            throw new FrameException(Reasons.TRUNCATED_RECORD, "needs " + n + " bytes at offset " + pos + ", has " + (limit - pos));
        }
    }

    int u8() throws FrameException {
        need(1);
        return b[pos++] & 0xff;
    }

    int u16() throws FrameException {
        need(2);
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    long u32() throws FrameException {
        need(4);
        long v = ((long) (b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] bytes(int n) throws FrameException {
        need(n);
        byte[] out = new byte[n];
        System.arraycopy(b, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** A sub-cursor over the next {@code n} bytes; this cursor skips them. */
    Buf slice(int n) throws FrameException {
        need(n);
        Buf s = new Buf(b, pos, pos + n);
        pos += n;
        return s;
    }

    void skip(int n) throws FrameException {
        need(n);
        pos += n;
    }
}

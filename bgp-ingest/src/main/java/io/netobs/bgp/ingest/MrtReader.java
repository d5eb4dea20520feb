package io.netobs.bgp.ingest;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a decompressed MRT stream (RFC 6396 section 2) into records: a 12-byte common header
 * (timestamp, type, subtype, length) and the body. Decoding the body is {@link MrtDecoder}'s job.
 */
final class MrtReader implements AutoCloseable {
    /** Refuses absurd lengths so a corrupt header cannot make us allocate gigabytes. */
    static final int MAX_RECORD_BYTES = 1 << 20;

    /** {@code raw} is the whole record, header included, so a rejected one can be dead-lettered intact. */
    record Record(long index, long timestampSec, int type, int subtype, byte[] raw) {
        static final int HEADER_BYTES = 12;
    }

    private final DataInputStream in;
    private long index;

    MrtReader(InputStream decompressed) {
        this.in = new DataInputStream(decompressed);
    }

    /** The next record, or null at a clean end of stream. */
    Record next() throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] header = new byte[Record.HEADER_BYTES];
        header[0] = (byte) first;
        try {
            in.readFully(header, 1, header.length - 1);
        } catch (EOFException e) {
            throw new IOException("MRT record " + index + " has a truncated header", e);
        }
        long ts = u32(header, 0);
        int type = u16(header, 4);
        int subtype = u16(header, 6);
        long length = u32(header, 8);
        if (length > MAX_RECORD_BYTES) {
            throw new IOException("MRT record " + index + " declares " + length + " bytes; the stream is corrupt");
        }
        byte[] raw = new byte[Record.HEADER_BYTES + (int) length];
        System.arraycopy(header, 0, raw, 0, header.length);
        try {
            in.readFully(raw, header.length, (int) length);
        } catch (EOFException e) {
            throw new IOException("MRT record " + index + " is truncated (" + length + " bytes declared)", e);
        }
        return new Record(index++, ts, type, subtype, raw);
    }

    static int u16(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    static long u32(byte[] b, int off) {
        return ((long) (b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package io.netobs.canary.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One result in the spool: sequence number, observation time (the Kafka record timestamp), key and
 * value. On disk (format 2) every record is a frame {@code [magic 4][int bodyLength][int crc32c][body]}
 * with body = {@code [long seq][long timestampMs][int keyLength][key UTF-8][value]} and the CRC over
 * the length field and the body. The magic lets a reader that met a damaged frame scan forward to the
 * next good one instead of losing the rest of the segment; its first byte, 0xF5, never occurs in
 * UTF-8, so JSON values cannot imitate it (the binary seq and timestamp can, which the CRC catches).
 */
public record SpoolRecord(long seq, long timestampMs, String key, byte[] value) {
    static final int HEADER = 12;
    static final int MIN_BODY = 20;
    /** Far above any probe result; a corrupted length beyond it is rejected without reading. */
    static final int MAX_BODY = 64 << 20;
    static final byte[] MAGIC = {(byte) 0xF5, 0x0B, 'N', 'S'};

    byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int len = MIN_BODY + k.length + value.length;
        ByteBuffer b = ByteBuffer.allocate(HEADER + len);
        b.put(MAGIC).putInt(len).putInt(0).putLong(seq).putLong(timestampMs).putInt(k.length).put(k).put(value);
        byte[] out = b.array();
        ByteBuffer.wrap(out).putInt(8, crc(out, 4, out.length - 4));
        return out;
    }

    /** Size on disk. */
    int encodedSize() {
        return HEADER + MIN_BODY + key.getBytes(StandardCharsets.UTF_8).length + value.length;
    }

    /** CRC32C over {@code [lengthField][body]}, skipping the CRC field itself: {@code from} points at the length. */
    static int crc(byte[] frame, int from, int n) {
        CRC32C c = new CRC32C();
        c.update(frame, from, 4);
        c.update(frame, from + 8, n - 8);
        return (int) c.getValue();
    }

    static boolean magicAt(byte[] b, int i) {
        return b[i] == MAGIC[0] && b[i + 1] == MAGIC[1] && b[i + 2] == MAGIC[2] && b[i + 3] == MAGIC[3];
    }

    /** Decodes a frame whose header and body are in {@code frame}; null when anything is inconsistent. */
    static SpoolRecord decode(byte[] frame) {
        if (frame.length < HEADER + MIN_BODY || !magicAt(frame, 0)) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        int len = b.getInt(4);
        if (len != frame.length - HEADER || b.getInt(8) != crc(frame, 4, frame.length - 4)) {
            return null;
        }
        return body(b.position(HEADER));
    }

    /** The fields of a body at the buffer's position, up to its limit; null when the key length does not fit. */
    static SpoolRecord body(ByteBuffer b) {
        long seq = b.getLong();
        long ts = b.getLong();
        int kl = b.getInt();
        if (kl < 0 || kl > b.remaining() || seq < 0) {
            return null;
        }
        byte[] k = new byte[kl];
        b.get(k);
        byte[] v = new byte[b.remaining()];
        b.get(v);
        return new SpoolRecord(seq, ts, new String(k, StandardCharsets.UTF_8), v);
    }
}

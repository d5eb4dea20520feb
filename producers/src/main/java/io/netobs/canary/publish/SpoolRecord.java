package io.netobs.canary.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * One result in the spool: sequence number, observation time (the Kafka record timestamp), key and
 * value. On disk: {@code [int bodyLength][int crc32(body)][body]}, body = {@code [long seq][long
 * timestampMs][int keyLength][key UTF-8][value]}; the CRC finds a torn tail after a crash.
 */
public record SpoolRecord(long seq, long timestampMs, String key, byte[] value) {
    static final int HEADER = 8;

    byte[] encode() {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(8 + 8 + 4 + k.length + value.length);
        body.putLong(seq).putLong(timestampMs).putInt(k.length).put(k).put(value);
        CRC32 crc = new CRC32();
        crc.update(body.array());
        return ByteBuffer.allocate(HEADER + body.capacity()).putInt(body.capacity()).putInt((int) crc.getValue())
                .put(body.array()).array();
    }

    /** Size on disk. */
    int encodedSize() {
        return HEADER + 20 + key.getBytes(StandardCharsets.UTF_8).length + value.length;
    }

    /** Decodes a body whose CRC was checked; null when the body is inconsistent. */
    static SpoolRecord decode(byte[] body, int crc) {
        CRC32 c = new CRC32();
        c.update(body);
        if ((int) c.getValue() != crc || body.length < 20) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        long seq = b.getLong();
        long ts = b.getLong();
        int kl = b.getInt();
        if (kl < 0 || kl > b.remaining()) {
            return null;
        }
        byte[] k = new byte[kl];
        b.get(k);
        byte[] v = new byte[b.remaining()];
        b.get(v);
        return new SpoolRecord(seq, ts, new String(k, StandardCharsets.UTF_8), v);
    }
}

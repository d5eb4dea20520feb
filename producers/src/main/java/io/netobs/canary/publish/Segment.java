package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One append-only spool file, named by the sequence number of its first record. {@code size} is
 * published only after a record is completely written, so the sender never reads a half record.
 * Damaged stretches found inside it are remembered (offset to end), so they are quarantined once
 * and then simply stepped over.
 */
final class Segment {
    static final String SUFFIX = ".spool";
    private static final int SCAN_CHUNK = 64 * 1024;

    final long base;
    final Path path;
    final FileChannel channel;
    volatile long size;
    private final Map<Long, Long> damaged = new ConcurrentSkipListMap<>();

    private Segment(long base, Path path, FileChannel channel, long size) {
        this.base = base;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static Path pathFor(Path dir, long base) {
        return dir.resolve(String.format("%020d%s", base, SUFFIX));
    }

    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('.')));
    }

    static Segment open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(baseOf(path), path, ch, ch.size());
    }

    static Segment create(Path dir, long base) throws IOException {
        return open(pathFor(dir, base));
    }

    String name() {
        return path.getFileName().toString();
    }

    /** Writes a whole frame at the end; on failure cuts off whatever part of it reached the file. */
    void append(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long pos = size;
        try {
            while (b.hasRemaining()) {
                pos += channel.write(b, pos);
            }
        } catch (IOException e) {
            try {
                channel.truncate(size);
            } catch (IOException ignored) {
                // Left-over bytes past size are overwritten by the next append or cut as a torn tail at start-up.
            }
            throw e;
        }
        size = pos;
    }

    /** The record framed at {@code pos}, or null when no complete, intact frame starts there. */
    SpoolRecord read(long pos, long limit) throws IOException {
        if (pos + SpoolRecord.HEADER + SpoolRecord.MIN_BODY > limit) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(SpoolRecord.HEADER);
        readFully(head, pos);
        if (!SpoolRecord.magicAt(head.array(), 0)) {
            return null;
        }
        int len = head.getInt(4);
        if (len < SpoolRecord.MIN_BODY || len > SpoolRecord.MAX_BODY || pos + SpoolRecord.HEADER + len > limit) {
            return null;
        }
        byte[] frame = new byte[SpoolRecord.HEADER + len];
        System.arraycopy(head.array(), 0, frame, 0, SpoolRecord.HEADER);
        readFully(ByteBuffer.wrap(frame, SpoolRecord.HEADER, len), pos + SpoolRecord.HEADER);
        return SpoolRecord.decode(frame);
    }

    /** Offset of the first intact frame at or after {@code from}, or -1 when there is none before {@code limit}. */
    long nextFrame(long from, long limit) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SCAN_CHUNK);
        long at = from;
        while (at + SpoolRecord.HEADER <= limit) {
            int n = (int) Math.min(SCAN_CHUNK, limit - at);
            buf.clear().limit(n);
            readFully(buf, at);
            byte[] b = buf.array();
            for (int i = 0; i + 4 <= n; i++) {
                if (SpoolRecord.magicAt(b, i) && read(at + i, limit) != null) {
                    return at + i;
                }
            }
            at += n - 3; // a magic split across two chunks is found in the next one
        }
        return -1;
    }

    byte[] bytes(long from, long to) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) (to - from));
        readFully(b, from);
        return b.array();
    }

    void markDamaged(long from, long to) {
        damaged.put(from, to);
    }

    /** End of the known damaged stretch starting at {@code pos}, or -1. */
    long damagedUntil(long pos) {
        Long end = damaged.get(pos);
        return end == null ? -1 : end;
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        long p = pos;
        while (b.hasRemaining()) {
            int n = channel.read(b, p);
            if (n < 0) {
                throw new IOException("unexpected end of " + path);
            }
            p += n;
        }
    }

    void truncate(long newSize) throws IOException {
        channel.truncate(newSize);
        size = newSize;
    }

    void close() throws IOException {
        try {
            channel.force(false);
        } finally {
            channel.close();
        }
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}

package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One append-only spool file, named by the sequence number of its first record. {@code size} is
 * published only after a record is completely written, so the sender never reads a half record.
 */
final class Segment {
    final long base;
    final Path path;
    final FileChannel channel;
    volatile long size;

    private Segment(long base, Path path, FileChannel channel, long size) {
        this.base = base;
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static Path pathFor(Path dir, long base) {
        return dir.resolve(String.format("%020d.seg", base));
    }

    static Segment open(Path path) throws IOException {
        String name = path.getFileName().toString();
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new Segment(Long.parseLong(name.substring(0, name.length() - 4)), path, ch, ch.size());
    }

    static Segment create(Path dir, long base) throws IOException {
        return open(pathFor(dir, base));
    }

    void append(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long pos = size;
        while (b.hasRemaining()) {
            pos += channel.write(b, pos);
        }
        size = pos;
    }

    /** The record at {@code pos}, or null when none is complete there (end, torn tail or corruption). */
    SpoolRecord read(long pos, long limit) throws IOException {
        if (pos + SpoolRecord.HEADER > limit) {
            return null;
        }
        ByteBuffer head = ByteBuffer.allocate(SpoolRecord.HEADER);
        readFully(head, pos);
        int len = head.getInt(0);
        int crc = head.getInt(4);
        if (len < 20 || pos + SpoolRecord.HEADER + len > limit) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(len);
        readFully(body, pos + SpoolRecord.HEADER);
        return SpoolRecord.decode(body.array(), crc);
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
        channel.force(false);
        channel.close();
    }

    void delete() throws IOException {
        channel.close();
        Files.deleteIfExists(path);
    }
}

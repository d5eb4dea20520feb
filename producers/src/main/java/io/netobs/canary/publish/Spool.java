package io.netobs.canary.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded on-disk queue every result goes through: probes append, the sender reads from the head
 * and {@link #commit}s a sequence number only after the broker acknowledged it and everything
 * before it. The committed number is checkpointed in a file (write-then-rename), so a restart
 * re-reads exactly the uncommitted records. Appends reach the OS page cache at once, which survives
 * an agent crash; segments are fsynced when they roll and on close, not per record, so a power
 * loss can lose the last unsynced records. When the uncommitted bytes would pass {@code maxBytes}
 * the new result is dropped and counted (tail drop keeps the delivered order gap-free).
 */
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Segment> segments = new ArrayList<>();   // guarded by this
    private final AtomicLong dropped = new AtomicLong();
    private volatile long nextSeq;
    private volatile long committed;
    private volatile long liveBytes;
    private volatile boolean full;

    private Spool(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(16 * 1024, Math.min(16L << 20, maxBytes / 4));
        Files.createDirectories(dir);
        lockChannel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            lockChannel.close();
            throw new IOException("spool directory " + dir + " is in use by another agent (set NETOBS_AGENT_SPOOL_DIR)");
        }
        lock = l;
    }

    /** Opens (and recovers) the spool in {@code dir}. */
    public static Spool open(Path dir, long maxBytes) throws IOException {
        Spool s = new Spool(dir, maxBytes);
        s.recover();
        return s;
    }

    private synchronized void recover() throws IOException {
        Path cp = dir.resolve("committed");
        committed = Files.exists(cp) ? Long.parseLong(Files.readString(cp, StandardCharsets.UTF_8).trim()) : -1;
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
        long last = committed;
        long live = 0;
        for (Path f : files) {
            Segment seg = Segment.open(f);
            long pos = 0;
            for (SpoolRecord r = seg.read(pos, seg.size); r != null; r = seg.read(pos, seg.size)) {
                pos += r.encodedSize();
                last = Math.max(last, r.seq());
                if (r.seq() > committed) {
                    live += r.encodedSize();
                }
            }
            if (pos < seg.size) {
                LOG.warn("spool {}: cutting {} bytes of a torn or corrupt tail at offset {}", f, seg.size - pos, pos);
                seg.truncate(pos);
            }
            segments.add(seg);
        }
        nextSeq = last + 1;
        liveBytes = live;
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, nextSeq));
        }
        deleteCommittedSegments();
        if (depth() > 0) {
            LOG.info("spool {}: {} undelivered results from a previous run will be delivered first", dir, depth());
        }
    }

    /** Appends a result; false (and counted) when the spool is full. */
    public synchronized boolean append(String key, long timestampMs, byte[] value) {
        SpoolRecord r = new SpoolRecord(nextSeq, timestampMs, key, value);
        byte[] bytes = r.encode();
        if (liveBytes + bytes.length > maxBytes) {
            full = true;
            long n = dropped.incrementAndGet();
            if (n == 1 || n % 1000 == 0) {
                LOG.warn("spool {} full ({} of {} bytes undelivered): dropped result for {} ({} dropped so far)",
                        dir, liveBytes, maxBytes, key, n);
            }
            return false;
        }
        try {
            Segment active = segments.get(segments.size() - 1);
            if (active.size > 0 && active.size + bytes.length > segmentBytes) {
                active.channel.force(false);
                active = Segment.create(dir, nextSeq);
                segments.add(active);
            }
            active.append(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to spool " + dir, e);
        }
        liveBytes += bytes.length;
        full = false;
        nextSeq++;
        notifyAll();
        return true;
    }

    /** Waits up to {@code millis} for a record with sequence {@code >= seq} to be appended. */
    public synchronized void awaitRecord(long seq, long millis) throws InterruptedException {
        if (nextSeq <= seq) {
            wait(millis);
        }
    }

    /** Marks everything up to {@code seq} delivered ({@code bytes} = their encoded size) and checkpoints it. */
    public synchronized void commit(long seq, long bytes) {
        if (seq <= committed) {
            return;
        }
        committed = seq;
        liveBytes -= bytes;
        try {
            Path tmp = dir.resolve("committed.tmp");
            Files.writeString(tmp, Long.toString(seq), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("committed"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            deleteCommittedSegments();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checkpoint spool " + dir, e);
        }
    }

    /** Deletes every segment but the active one whose records are all committed. */
    private void deleteCommittedSegments() throws IOException {
        while (segments.size() > 1 && segments.get(1).base <= committed + 1) {
            segments.remove(0).delete();
        }
    }

    synchronized List<Segment> segments() {
        return List.copyOf(segments);
    }

    /** A reader starting at the first uncommitted record. */
    public SpoolReader reader() {
        return new SpoolReader(this, committed + 1);
    }

    public long committed() {
        return committed;
    }

    public long nextSeq() {
        return nextSeq;
    }

    /** Results appended but not yet acknowledged by the broker. */
    public long depth() {
        return nextSeq - 1 - committed;
    }

    public long bytes() {
        return liveBytes;
    }

    public long dropped() {
        return dropped.get();
    }

    /** True while the latest result had to be dropped (cleared by the next accepted append). */
    public boolean isFull() {
        return full;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        for (Segment s : segments) {
            s.close();
        }
        segments.clear();
        lock.release();
        lockChannel.close();
    }
}

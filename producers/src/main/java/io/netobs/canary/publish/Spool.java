package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded on-disk queue every result goes through: probes append, the sender reads from the head
 * and {@link #commit}s a sequence number only after the broker acknowledged it and everything
 * before it; the committed number is checkpointed ({@link Checkpoint}), so a restart re-reads the
 * uncommitted records. Appends reach the OS page cache at once, which survives an agent crash;
 * segments are fsynced when they roll and on close, not per record, so a power loss can lose the
 * last unsynced records. An append never throws and never blocks on the broker: when the
 * uncommitted bytes would pass {@code maxBytes}, or the write fails (disk full), the result is
 * dropped and counted ({@link Drops}); tail drop keeps the delivered order gap-free.
 */
public final class Spool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Quarantine quarantine;
    private final Drops drops;
    private final List<Segment> segments = new ArrayList<>();   // guarded by this
    private Checkpoint checkpoint;
    private volatile long nextSeq;
    private volatile long committed;
    private long durable;              // the committed value the checkpoint file holds; guarded by this
    private volatile long liveBytes;

    private Spool(Path dir, long maxBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(16 * 1024, Math.min(16L << 20, maxBytes / 4));
        this.quarantine = new Quarantine(dir);
        this.drops = new Drops(dir.toString());
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
        try {
            s.recover();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The committed sequence number the checkpoint of {@code dir} holds, read without opening the spool. */
    public static OptionalLong checkpointed(Path dir) throws IOException {
        return Checkpoint.peek(dir);
    }

    private synchronized void recover() throws IOException {
        checkpoint = Checkpoint.open(dir, quarantine);
        LegacySegments.migrate(dir, quarantine, drops, checkpoint.loaded().orElse(-1));
        Recovery.Result r = Recovery.run(dir, checkpoint, quarantine, drops);
        segments.addAll(r.segments());
        committed = r.committed();
        durable = checkpoint.loaded().orElse(Long.MIN_VALUE);
        nextSeq = r.nextSeq();
        liveBytes = r.liveBytes();
        if (durable != committed) {
            writeCheckpoint();
        }
        deleteCommittedSegments();
        if (depth() > 0) {
            LOG.info("spool {}: {} undelivered results from a previous run will be delivered first", dir, depth());
        }
    }

    /** Appends a result; false (and counted) when it cannot be kept. Never throws. */
    public synchronized boolean append(String key, long timestampMs, byte[] value) {
        byte[] bytes = new SpoolRecord(nextSeq, timestampMs, key, value).encode();
        if (liveBytes + bytes.length > maxBytes) {
            drops.drop(Drops.SPOOL_FULL, liveBytes + " of " + maxBytes + " bytes undelivered");
            return false;
        }
        try {
            write(bytes);
        } catch (IOException | RuntimeException e) {
            drops.drop(Drops.DISK_FULL, "cannot write to " + dir + ": " + e);
            return false;
        }
        drops.accepted();
        liveBytes += bytes.length;
        nextSeq++;
        notifyAll();
        return true;
    }

    private void write(byte[] bytes) throws IOException {
        Segment active = segments.get(segments.size() - 1);
        if (active.size > 0 && active.size + bytes.length > segmentBytes) {
            active = roll(active);
        }
        try {
            active.append(bytes);
        } catch (IOException e) {
            // When everything is delivered, the active segment is dead weight that may be what fills the disk.
            if (active.size == 0 || durable != nextSeq - 1) {
                throw e;
            }
            roll(active).append(bytes);
        }
    }

    private Segment roll(Segment active) throws IOException {
        active.channel.force(false);
        Segment next = Segment.create(dir, nextSeq);
        segments.add(next);
        deleteCommittedSegments();
        return next;
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
        liveBytes = Math.max(0, liveBytes - bytes);
        writeCheckpoint();
    }

    private void writeCheckpoint() {
        if (checkpoint.write(committed)) {
            durable = committed;
            deleteCommittedSegments();
        }
    }

    /** Deletes every segment but the active one whose records are all in the checkpoint. */
    private void deleteCommittedSegments() {
        while (segments.size() > 1 && segments.get(1).base <= durable + 1) {
            Segment old = segments.remove(0);
            try {
                old.delete();
            } catch (IOException e) {
                LOG.warn("spool {}: cannot delete delivered segment {}: {}", dir, old.path, e.toString());
            }
        }
    }

    /** Called by a reader that met damage not seen at start-up: quarantines it and returns where to go on. */
    synchronized long skipDamage(Segment s, long pos, long limit) throws IOException {
        long known = s.damagedUntil(pos);
        if (known >= 0) {
            return known;
        }
        long next = s.nextFrame(pos + 1, limit);
        long end = next < 0 ? limit : next;
        quarantine.region(s.name(), pos, s.bytes(pos, end), "damaged record(s) found while sending");
        s.markDamaged(pos, end);
        liveBytes = Math.max(0, liveBytes - (end - pos));
        return end;
    }

    /** Counts records found lost between two intact ones while sending. */
    synchronized void lost(long records) {
        drops.lost(records);
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

    /** Every result dropped so far, whatever the reason. */
    public long dropped() {
        return drops.total();
    }

    public Drops drops() {
        return drops;
    }

    /** Checkpoints and damaged segment stretches quarantined since start-up (both counted at start-up too). */
    public long quarantinedCheckpoints() {
        return quarantine.checkpoints();
    }

    public long quarantinedRegions() {
        return quarantine.regions();
    }

    /** True while results are being dropped (cleared by the next accepted append). */
    public boolean isFull() {
        return drops.dropping() != null;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            for (Segment s : segments) {
                s.close();
            }
            segments.clear();
            if (checkpoint != null) {
                checkpoint.close();
            }
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}

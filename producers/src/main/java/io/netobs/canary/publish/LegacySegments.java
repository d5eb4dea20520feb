package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migrates segments of spool format 1 ({@code <base>.seg}: frames {@code [int length][int crc32][body]}
 * without a marker) to format 2 at start-up, so one reader serves both. Each old file is rewritten
 * record by record into {@code <base>.spool.tmp}, which is synced and renamed before the old file is
 * deleted: a crash at any point leaves either the old file or a complete new one (an old file whose
 * new one already exists is simply deleted). A damaged stretch is quarantined and the scan goes on at
 * the next offset holding a frame with a plausible next sequence number and a matching CRC.
 */
final class LegacySegments {
    private static final Logger LOG = LoggerFactory.getLogger(LegacySegments.class);
    static final String SUFFIX = ".seg";
    /** Format 1 resynchronisation tries only lengths a probe result can have, which keeps the scan cheap. */
    private static final int RESYNC_MAX_BODY = 1 << 20;

    private LegacySegments() {
    }

    static void migrate(Path dir, Quarantine quarantine, Drops drops, long committed) throws IOException {
        List<Path> old;
        try (Stream<Path> l = Files.list(dir)) {
            old = l.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        }
        for (Path f : old) {
            Path target = Segment.pathFor(dir, Segment.baseOf(f));
            try {
                if (!Files.exists(target)) {
                    convert(f, target, quarantine, drops, committed);
                }
                Files.delete(f);
            } catch (IOException e) {
                // Probably a full disk: the old file stays and is migrated by a later start.
                LOG.error("spool: cannot migrate {} to format 2 now ({}); its records wait for a later start", f, e.toString());
                Files.deleteIfExists(target.resolveSibling(target.getFileName() + ".tmp"));
            }
        }
    }

    private static void convert(Path from, Path target, Quarantine quarantine, Drops drops, long committed) throws IOException {
        byte[] b = Files.readAllBytes(from);
        ByteBuffer in = ByteBuffer.wrap(b);
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        int records = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long last = -1;
            boolean damaged = false;
            int pos = 0;
            while (pos < b.length) {
                SpoolRecord r = frame(in, pos, b.length, Integer.MAX_VALUE, last);
                if (r == null) {
                    int next = pos + 1;
                    while (next < b.length && frame(in, next, b.length, RESYNC_MAX_BODY, last) == null) {
                        next++;
                    }
                    byte[] bad = new byte[next - pos];
                    System.arraycopy(b, pos, bad, 0, bad.length);
                    damaged = true;
                    quarantine.region(from.getFileName().toString(), pos, bad,
                            next < b.length ? "damaged format-1 record" : "torn or damaged format-1 tail");
                    pos = next;
                    continue;
                }
                ByteBuffer enc = ByteBuffer.wrap(r.encode());
                while (enc.hasRemaining()) {
                    out.write(enc);
                }
                long lostFrom = Math.max(last >= 0 ? last + 1 : Segment.baseOf(from), committed + 1);
                if (damaged && r.seq() > lostFrom) {
                    drops.lost(r.seq() - lostFrom);
                }
                damaged = false;
                pos += 8 + in.getInt(pos);
                last = r.seq();
                records++;
            }
            out.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("spool: migrated {} ({} records) to format 2 as {}", from.getFileName(), records, target.getFileName());
    }

    /** A format-1 frame at {@code pos} whose seq follows {@code last} (when known), or null. */
    private static SpoolRecord frame(ByteBuffer in, int pos, int end, int maxBody, long last) {
        if (pos + 8 + SpoolRecord.MIN_BODY > end) {
            return null;
        }
        int len = in.getInt(pos);
        if (len < SpoolRecord.MIN_BODY || len > maxBody || len > end - pos - 8) {
            return null;
        }
        long seq = in.getLong(pos + 8);
        if (last >= 0 && (seq <= last || seq > last + 1_000_000)) {
            return null;
        }
        CRC32 c = new CRC32();
        c.update(in.array(), pos + 8, len);
        if ((int) c.getValue() != in.getInt(pos + 4)) {
            return null;
        }
        return SpoolRecord.body(in.slice(pos + 8, len));
    }
}

package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up scan of a spool directory: migrates format-1 segments, reads the checkpoint (or, when it
 * is unusable, falls back to the start of the oldest segment: everything still on disk is sent again
 * rather than anything lost), walks every segment frame by frame, quarantines each damaged stretch and
 * carries on at the next intact frame, and cuts a torn tail. Records lost to damage are counted from
 * the gaps in sequence numbers, once: damage already quarantined by an earlier start is skipped quietly.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    record Result(List<Segment> segments, long committed, long nextSeq, long liveBytes) {
    }

    private Recovery() {
    }

    static Result run(Path dir, Checkpoint checkpoint, Quarantine quarantine, Drops drops) throws IOException {
        List<Path> files;
        try (Stream<Path> l = Files.list(dir)) {
            files = l.filter(p -> p.getFileName().toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
        OptionalLong cp = checkpoint.loaded();
        long committed;
        if (cp.isPresent()) {
            committed = cp.getAsLong();
        } else {
            committed = files.isEmpty() ? -1 : Segment.baseOf(files.get(0)) - 1;
            if (!files.isEmpty()) {
                LOG.warn("spool {}: no usable checkpoint; every result still on disk (from {}) will be sent again, "
                        + "so the ones already delivered arrive twice", dir, committed + 1);
            }
        }
        List<Segment> segments = new ArrayList<>();
        long last = -1;
        long live = 0;
        boolean newDamage = false; // a gap after damage seen before was counted then
        for (Path f : files) {
            Segment seg = Segment.open(f);
            segments.add(seg);
            long expected = last >= 0 ? last + 1 : seg.base;
            long pos = 0;
            while (pos < seg.size) {
                SpoolRecord r = seg.read(pos, seg.size);
                if (r != null && r.seq() >= expected) {
                    long lostFrom = Math.max(expected, committed + 1);
                    if (newDamage && r.seq() > lostFrom) {
                        drops.lost(r.seq() - lostFrom);
                    }
                    newDamage = false;
                    if (r.seq() > committed) {
                        live += r.encodedSize();
                    }
                    last = r.seq();
                    expected = last + 1;
                    pos += r.encodedSize();
                    continue;
                }
                long next = seg.nextFrame(pos + 1, seg.size);
                if (next < 0) {
                    newDamage |= quarantine.region(seg.name(), pos, seg.bytes(pos, seg.size), "torn or damaged tail, cut off");
                    seg.truncate(pos);
                    break;
                }
                newDamage |= quarantine.region(seg.name(), pos, seg.bytes(pos, next), "damaged record(s)");
                seg.markDamaged(pos, next);
                pos = next;
            }
        }
        long nextSeq = Math.max(last + 1, committed + 1);
        if (!segments.isEmpty()) {
            nextSeq = Math.max(nextSeq, segments.get(segments.size() - 1).base);
        }
        if (segments.isEmpty()) {
            segments.add(Segment.create(dir, nextSeq));
        }
        return new Result(segments, committed, nextSeq, live);
    }
}

package io.netobs.canary.publish;

import java.io.IOException;
import java.util.List;

/**
 * The sender's cursor over the spool. Single-threaded; it re-finds its segment on every call, so
 * segments rolled or deleted under it are no problem. A damaged stretch is stepped over (the spool
 * quarantines it the first time), so every intact record after it is still read.
 */
public final class SpoolReader {
    private final Spool spool;
    private long nextSeq;
    private long segmentBase = -1;
    private long pos;
    private long gapFrom = -1;   // set after stepping over new damage: the next record tells how many were lost

    SpoolReader(Spool spool, long seq) {
        this.spool = spool;
        this.nextSeq = seq;
    }

    /** The next record, or null when the reader has caught up with the appender. */
    public SpoolRecord next() throws IOException {
        if (nextSeq >= spool.nextSeq()) {
            return null;
        }
        List<Segment> segs = spool.segments();
        for (int i = 0; i < segs.size(); i++) {
            Segment s = segs.get(i);
            boolean last = i == segs.size() - 1;
            if (!last && segs.get(i + 1).base <= nextSeq) {
                continue;
            }
            if (s.base != segmentBase) {
                segmentBase = s.base;
                pos = 0;
            }
            long limit = s.size;
            while (pos < limit) {
                SpoolRecord r = s.read(pos, limit);
                if (r == null) {
                    boolean known = s.damagedUntil(pos) >= 0;
                    pos = spool.skipDamage(s, pos, limit);
                    if (!known && gapFrom < 0) {
                        gapFrom = nextSeq;
                    }
                    continue;
                }
                pos += r.encodedSize();
                if (r.seq() >= nextSeq) {
                    if (gapFrom >= 0 && r.seq() > gapFrom) {
                        spool.lost(r.seq() - gapFrom);
                    }
                    gapFrom = -1;
                    nextSeq = r.seq() + 1;
                    return r;
                }
            }
            if (last) {
                return null;
            }
        }
        return null;
    }

    /** Moves the cursor back (or forward) so the next record returned is {@code seq}. */
    public void seek(long seq) {
        nextSeq = seq;
        segmentBase = -1;
        pos = 0;
        gapFrom = -1;
    }

    public long position() {
        return nextSeq;
    }
}

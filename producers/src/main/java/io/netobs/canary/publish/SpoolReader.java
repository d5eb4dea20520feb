package io.netobs.canary.publish;

import java.io.IOException;
import java.util.List;

/**
 * The sender's cursor over the spool. Single-threaded; it re-finds its segment on every call, so
 * segments rolled or deleted under it are no problem.
 */
public final class SpoolReader {
    private final Spool spool;
    private long nextSeq;
    private long segmentBase = -1;
    private long pos;

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
            SpoolRecord r;
            while ((r = s.read(pos, s.size)) != null) {
                pos += r.encodedSize();
                if (r.seq() >= nextSeq) {
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
    }

    public long position() {
        return nextSeq;
    }
}

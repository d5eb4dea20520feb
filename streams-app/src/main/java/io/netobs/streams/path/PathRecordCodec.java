package io.netobs.streams.path;

import io.netobs.streams.state.StoreCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Format 1 of a {@link PathRecord} in the state encoding: the current path, the open change (behind a
 * presence byte), the counts, the times, the pop and the newest result's per-TTL figures (NaN written
 * as absent). A path is its reached flag, then per TTL the count and the addresses.
 */
final class PathRecordCodec extends StoreCodec<PathRecord> {
    static final PathRecordCodec INSTANCE = new PathRecordCodec();
    static final int FORMAT = 1;

    private PathRecordCodec() {
        super("PathRecord", FORMAT);
    }

    @Override
    protected void write(Out out, PathRecord r) {
        writePath(out, r.current);
        out.zigzag(r.sinceMs);
        out.varlong(r.results);
        out.b(r.open == null ? 0 : 1);
        if (r.open != null) {
            out.str(r.open.id());
            out.zigzag(r.open.openedAtMs());
            writePath(out, r.open.from());
            writePath(out, r.open.to());
            out.varlong(r.open.firstDifferenceTtl());
        }
        out.varlong(r.changes);
        out.varlong(r.stale);
        out.varlong(r.truncated);
        out.zigzag(r.lastResultMs);
        out.zigzag(r.lastSeenMs);
        out.str(r.pop);
        writeDoubles(out, r.latencyMs);
        writeDoubles(out, r.lossRatio);
    }

    @Override
    protected PathRecord read(In in) {
        PathRecord r = new PathRecord();
        r.current = readPath(in);
        r.sinceMs = in.zigzag();
        r.results = Math.toIntExact(in.varlong());
        if (in.b() == 1) {
            String id = in.str();
            long openedAt = in.zigzag();
            PathShape from = readPath(in);
            PathShape to = readPath(in);
            r.open = new PathRecord.OpenChange(id, openedAt, from, to, Math.toIntExact(in.varlong()));
        }
        r.changes = in.varlong();
        r.stale = in.varlong();
        r.truncated = in.varlong();
        r.lastResultMs = in.zigzag();
        r.lastSeenMs = in.zigzag();
        r.pop = in.str();
        r.latencyMs = readDoubles(in);
        r.lossRatio = readDoubles(in);
        return r;
    }

    private static void writePath(Out out, PathShape p) {
        out.b(p.reached() ? 1 : 0);
        out.varlong(p.length());
        for (List<String> addresses : p.hops()) {
            out.varlong(addresses.size());
            addresses.forEach(out::str);
        }
    }

    private static PathShape readPath(In in) {
        boolean reached = in.b() == 1;
        int n = in.size();
        List<List<String>> hops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int m = in.size();
            List<String> addresses = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                addresses.add(in.str());
            }
            hops.add(addresses);
        }
        return new PathShape(hops, reached);
    }

    private static void writeDoubles(Out out, double[] values) {
        out.varlong(values.length);
        for (double v : values) {
            out.optDbl(Double.isNaN(v) ? null : v);
        }
    }

    private static double[] readDoubles(In in) {
        double[] values = new double[in.size()];
        for (int i = 0; i < values.length; i++) {
            Double v = in.optDbl();
            values[i] = v == null ? Double.NaN : v;
        }
        return values;
    }
}

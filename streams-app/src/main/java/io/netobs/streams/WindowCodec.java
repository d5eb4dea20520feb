package io.netobs.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Binary format 1 of the window store's {@link TargetWindow}: per type, per canary, the
 * {@link SeriesWindow} fields in declaration order. Counts are varints, sums and latencies raw
 * IEEE doubles (exact, unlike a decimal round trip), the sketch's bins delta-encoded indices.
 */
final class WindowCodec extends StoreCodec<TargetWindow> {
    static final int FORMAT = 1;
    private static final int HAS_MIN = 1;
    private static final int HAS_MAX = 2;
    private static final int HAS_LAST = 4;

    WindowCodec() {
        super("TargetWindow", FORMAT);
    }

    @Override
    void write(Out out, TargetWindow w) {
        out.varlong(w.series.size());
        for (Map.Entry<String, Map<String, SeriesWindow>> byType : w.series.entrySet()) {
            out.str(byType.getKey());
            out.varlong(byType.getValue().size());
            for (Map.Entry<String, SeriesWindow> byCanary : byType.getValue().entrySet()) {
                out.str(byCanary.getKey());
                writeSeries(out, byCanary.getValue());
            }
        }
    }

    @Override
    TargetWindow read(In in) {
        TargetWindow w = new TargetWindow();
        for (int types = in.size(); types > 0; types--) {
            String type = in.str();
            Map<String, SeriesWindow> byCanary = new TreeMap<>();
            for (int canaries = in.size(); canaries > 0; canaries--) {
                String canary = in.str();
                byCanary.put(canary, readSeries(in));
            }
            w.series.put(type, byCanary);
        }
        return w;
    }

    static void writeSeries(Out out, SeriesWindow s) {
        out.varlong(s.count);
        writeCounts(out, s.statusCounts);
        writeSketch(out, s.latency);
        out.dbl(s.latencySum);
        out.b((s.latencyMin != null ? HAS_MIN : 0) | (s.latencyMax != null ? HAS_MAX : 0)
                | (s.lastLatency != null ? HAS_LAST : 0));
        if (s.latencyMin != null) {
            out.dbl(s.latencyMin);
        }
        if (s.latencyMax != null) {
            out.dbl(s.latencyMax);
        }
        if (s.lastLatency != null) {
            out.dbl(s.lastLatency);
        }
        out.dbl(s.lossSum);
        out.varlong(s.lossCount);
        out.zigzag(s.lastLatencyTs);
        out.dbl(s.absDiffSum);
        out.varlong(s.diffCount);
    }

    static SeriesWindow readSeries(In in) {
        SeriesWindow s = new SeriesWindow();
        s.count = in.varlong();
        s.statusCounts = readCounts(in);
        s.latency = readSketch(in);
        s.latencySum = in.dbl();
        int present = in.b();
        s.latencyMin = (present & HAS_MIN) != 0 ? in.dbl() : null;
        s.latencyMax = (present & HAS_MAX) != 0 ? in.dbl() : null;
        s.lastLatency = (present & HAS_LAST) != 0 ? in.dbl() : null;
        s.lossSum = in.dbl();
        s.lossCount = in.varlong();
        s.lastLatencyTs = in.zigzag();
        s.absDiffSum = in.dbl();
        s.diffCount = in.varlong();
        return s;
    }

    static void writeCounts(Out out, long[] counts) {
        out.varlong(counts.length);
        for (long c : counts) {
            out.varlong(c);
        }
    }

    static long[] readCounts(In in) {
        long[] counts = new long[in.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.varlong();
        }
        return counts;
    }

    static void writeSketch(Out out, LatencySketch sketch) {
        out.varlong(sketch.zeroCount());
        Map<Integer, Long> bins = sketch.bins();
        out.varlong(bins.size());
        long previous = 0;
        for (Map.Entry<Integer, Long> bin : bins.entrySet()) {
            // Ascending indices: the deltas after the first are small and positive.
            out.zigzag(bin.getKey() - previous);
            previous = bin.getKey();
            out.varlong(bin.getValue());
        }
    }

    static LatencySketch readSketch(In in) {
        long zero = in.varlong();
        TreeMap<Integer, Long> bins = new TreeMap<>();
        long index = 0;
        for (int n = in.size(); n > 0; n--) {
            index += in.zigzag();
            bins.put(Math.toIntExact(index), in.varlong());
        }
        return LatencySketch.decoded(bins, zero);
    }
}

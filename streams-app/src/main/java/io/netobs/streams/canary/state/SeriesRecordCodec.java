package io.netobs.streams.canary.state;

import io.netobs.schema.Status;
import io.netobs.streams.state.StoreCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Format 2 of a {@link SeriesRecord}: the {@link SeriesState} fields, the optional ones behind one
 * presence bit each; then each open window's {@link SeriesWindow} fields (counts as varints, sums
 * and latencies as raw IEEE doubles, exact unlike a decimal round trip, the sketch's bins
 * delta-encoded); then the last-seen time.
 */
public final class SeriesRecordCodec extends StoreCodec<SeriesRecord> {
    public static final SeriesRecordCodec INSTANCE = new SeriesRecordCodec();
    static final int FORMAT = 2;
    private static final int HAS_MIN = 1;
    private static final int HAS_MAX = 2;
    private static final int HAS_LAST = 4;

    private SeriesRecordCodec() {
        super("SeriesRecord", FORMAT);
    }

    @Override
    protected void write(Out out, SeriesRecord r) {
        writeState(out, r.last);
        out.varlong(r.open.size());
        long previous = 0;
        for (Map.Entry<Long, SeriesWindow> w : r.open.entrySet()) {
            out.zigzag(w.getKey() - previous);
            previous = w.getKey();
            writeWindow(out, w.getValue());
        }
        out.zigzag(r.lastSeenMs);
    }

    @Override
    protected SeriesRecord read(In in) {
        SeriesState state = readState(in);
        TreeMap<Long, SeriesWindow> open = new TreeMap<>();
        long start = 0;
        for (int n = in.size(); n > 0; n--) {
            start += in.zigzag();
            open.put(start, readWindow(in));
        }
        return new SeriesRecord(state, open, in.zigzag());
    }

    static void writeState(Out out, SeriesState s) {
        writeCounts(out, s.statusTotals);
        int present = bit(0, s.latencyMs) | bit(1, s.packetLossPercent) | bit(2, s.dnsResolveMs)
                | bit(3, s.dnsAnswerHash) | bit(4, s.httpStatusCode) | bit(5, s.httpResponseSizeBytes)
                | bit(6, s.httpContentMatch) | bit(7, s.httpPhasesMs) | bit(8, s.certExpiryTimestampSeconds)
                | bit(9, s.dnsAnswers) | bit(10, s.lastStatus);
        out.varlong(present);
        if (s.latencyMs != null) {
            out.dbl(s.latencyMs);
        }
        if (s.packetLossPercent != null) {
            out.dbl(s.packetLossPercent);
        }
        if (s.dnsResolveMs != null) {
            out.varlong(s.dnsResolveMs.size());
            s.dnsResolveMs.forEach((qtype, byResolver) -> {
                out.str(qtype);
                writeDoubles(out, byResolver);
            });
        }
        if (s.dnsAnswerHash != null) {
            out.varlong(s.dnsAnswerHash.size());
            s.dnsAnswerHash.forEach((qtype, byResolver) -> {
                out.str(qtype);
                out.varlong(byResolver.size());
                byResolver.forEach((resolver, hash) -> {
                    out.str(resolver);
                    out.zigzag(hash);
                });
            });
        }
        if (s.httpStatusCode != null) {
            out.zigzag(s.httpStatusCode);
        }
        if (s.httpResponseSizeBytes != null) {
            out.zigzag(s.httpResponseSizeBytes);
        }
        if (s.httpContentMatch != null) {
            out.zigzag(s.httpContentMatch);
        }
        if (s.httpPhasesMs != null) {
            writeDoubles(out, s.httpPhasesMs);
        }
        if (s.certExpiryTimestampSeconds != null) {
            out.zigzag(s.certExpiryTimestampSeconds);
        }
        if (s.dnsAnswers != null) {
            out.varlong(s.dnsAnswers.size());
            s.dnsAnswers.forEach(out::str);
        }
        if (s.lastStatus != null) {
            out.b(s.lastStatus.ordinal());
        }
        out.str(s.dnsRcode);
        out.zigzag(s.lastResultMs);
        out.str(s.pop);
        out.str(s.lastError);
    }

    static SeriesState readState(In in) {
        SeriesState s = new SeriesState();
        s.statusTotals = readCounts(in);
        long present = in.varlong();
        s.latencyMs = has(present, 0) ? in.dbl() : null;
        s.packetLossPercent = has(present, 1) ? in.dbl() : null;
        if (has(present, 2)) {
            s.dnsResolveMs = new TreeMap<>();
            for (int n = in.size(); n > 0; n--) {
                String qtype = in.str();
                s.dnsResolveMs.put(qtype, readDoubles(in));
            }
        }
        if (has(present, 3)) {
            s.dnsAnswerHash = new TreeMap<>();
            for (int n = in.size(); n > 0; n--) {
                Map<String, Long> byResolver = s.dnsAnswerHash.computeIfAbsent(in.str(), k -> new TreeMap<>());
                for (int m = in.size(); m > 0; m--) {
                    String resolver = in.str();
                    byResolver.put(resolver, in.zigzag());
                }
            }
        }
        s.httpStatusCode = has(present, 4) ? Math.toIntExact(in.zigzag()) : null;
        s.httpResponseSizeBytes = has(present, 5) ? in.zigzag() : null;
        s.httpContentMatch = has(present, 6) ? Math.toIntExact(in.zigzag()) : null;
        s.httpPhasesMs = has(present, 7) ? readDoubles(in) : null;
        s.certExpiryTimestampSeconds = has(present, 8) ? in.zigzag() : null;
        if (has(present, 9)) {
            List<String> answers = new ArrayList<>();
            for (int n = in.size(); n > 0; n--) {
                answers.add(in.str());
            }
            s.dnsAnswers = answers;
        }
        s.lastStatus = has(present, 10) ? Status.values()[in.b()] : null;
        s.dnsRcode = in.str();
        s.lastResultMs = in.zigzag();
        s.pop = in.str();
        s.lastError = in.str();
        return s;
    }

    static void writeWindow(Out out, SeriesWindow s) {
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

    static SeriesWindow readWindow(In in) {
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
        int n = in.size();
        if (n != Status.values().length) {
            throw new IllegalStateException(n + " status counts, expected " + Status.values().length);
        }
        long[] counts = new long[n];
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

    private static void writeDoubles(Out out, Map<String, Double> values) {
        out.varlong(values.size());
        values.forEach((k, v) -> {
            out.str(k);
            out.dbl(v);
        });
    }

    private static Map<String, Double> readDoubles(In in) {
        Map<String, Double> values = new TreeMap<>();
        for (int n = in.size(); n > 0; n--) {
            String k = in.str();
            values.put(k, in.dbl());
        }
        return values;
    }

    private static int bit(int i, Object field) {
        return field == null ? 0 : 1 << i;
    }

    private static boolean has(long present, int i) {
        return (present & (1L << i)) != 0;
    }
}

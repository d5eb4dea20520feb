package io.netobs.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Binary format 1 of the last-values store's {@link TargetState}: per type, per canary, the
 * {@link SeriesState} fields in declaration order, the optional ones behind one presence bit each.
 */
final class StateCodec extends StoreCodec<TargetState> {
    static final int FORMAT = 1;

    StateCodec() {
        super("TargetState", FORMAT);
    }

    @Override
    void write(Out out, TargetState t) {
        out.varlong(t.series.size());
        for (Map.Entry<String, Map<String, SeriesState>> byType : t.series.entrySet()) {
            out.str(byType.getKey());
            out.varlong(byType.getValue().size());
            for (Map.Entry<String, SeriesState> byCanary : byType.getValue().entrySet()) {
                out.str(byCanary.getKey());
                writeSeries(out, byCanary.getValue());
            }
        }
    }

    @Override
    TargetState read(In in) {
        TargetState t = new TargetState();
        for (int types = in.size(); types > 0; types--) {
            String type = in.str();
            Map<String, SeriesState> byCanary = new TreeMap<>();
            for (int canaries = in.size(); canaries > 0; canaries--) {
                String canary = in.str();
                byCanary.put(canary, readSeries(in));
            }
            t.series.put(type, byCanary);
        }
        return t;
    }

    private static void writeSeries(Out out, SeriesState s) {
        WindowCodec.writeCounts(out, s.statusTotals);
        int present = bit(0, s.latencyMs) | bit(1, s.packetLossPercent) | bit(2, s.dnsResolveMs)
                | bit(3, s.dnsAnswerHash) | bit(4, s.httpStatusCode) | bit(5, s.httpResponseSizeBytes)
                | bit(6, s.httpContentMatch) | bit(7, s.httpPhasesMs) | bit(8, s.certExpiryTimestampSeconds);
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
        out.str(s.dnsRcode);
        out.zigzag(s.lastResultMs);
        out.str(s.pop);
    }

    private static SeriesState readSeries(In in) {
        SeriesState s = new SeriesState();
        s.statusTotals = WindowCodec.readCounts(in);
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
        s.dnsRcode = in.str();
        s.lastResultMs = in.zigzag();
        s.pop = in.str();
        return s;
    }

    private static void writeDoubles(StoreCodec.Out out, Map<String, Double> values) {
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

package io.netobs.streams.canary;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import io.netobs.streams.state.StoreCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of the repartition topic: an {@link Observation} in the state encoding, every field of
 * the result in record order. The JSON of a result is parsed once, at the input; the repartition
 * hop carries the parsed, validated result, so reading it back is a copy of fields, not a parse.
 */
public final class ObservationCodec extends StoreCodec<Observation> {
    public static final ObservationCodec INSTANCE = new ObservationCodec();
    static final int FORMAT = 3;

    private ObservationCodec() {
        super("Observation", FORMAT);
    }

    @Override
    protected void write(Out out, Observation o) {
        CanaryResult r = o.result();
        out.zigzag(o.eventTimeMs());
        out.varlong(o.sourcePartition());
        out.optLong(r.schemaVersion() == null ? null : r.schemaVersion().longValue());
        out.str(r.type());
        out.str(r.canaryId());
        out.str(r.target());
        out.str(r.timestamp());
        out.b(r.status().ordinal());
        out.str(r.pop());
        writeLabels(out, r.labels());
        out.optDbl(r.latencyMs());
        out.str(r.errorMessage());
        out.optDbl(r.rttAvgMs());
        out.optDbl(r.rttMinMs());
        out.optDbl(r.rttMaxMs());
        out.optDbl(r.rttStddevMs());
        out.optDbl(r.jitterMs());
        out.optDbl(r.packetLossPercent());
        optInt(out, r.packetsSent());
        optInt(out, r.packetsReceived());
        writeDoubles(out, r.rttsMs());
        out.str(r.queryType());
        out.str(r.resolver());
        writeStrings(out, r.answer());
        out.str(r.rcode());
        optInt(out, r.statusCode());
        out.optLong(r.responseSizeBytes());
        bool(out, r.contentMatch());
        optInt(out, r.redirects());
        out.optDbl(r.dnsMs());
        out.optDbl(r.connectMs());
        out.optDbl(r.tlsMs());
        out.optDbl(r.firstByteMs());
        out.optDbl(r.transferMs());
        out.str(r.tlsVersion());
        out.optLong(r.certExpiryTimestampSeconds());
        out.str(r.httpVersion());
        optInt(out, r.port());
        writeHops(out, r.hops());
        bool(out, r.destinationReached());
    }

    @Override
    protected Observation read(In in) {
        long eventTime = in.zigzag();
        int source = Math.toIntExact(in.varlong());
        CanaryResult r = new CanaryResult(in.optInt(), in.str(), in.str(), in.str(), in.str(), Status.values()[in.b()],
                in.str(), readLabels(in), in.optDbl(), in.str(), in.optDbl(), in.optDbl(), in.optDbl(), in.optDbl(),
                in.optDbl(), in.optDbl(), in.optInt(), in.optInt(), readDoubles(in), in.str(), in.str(),
                readStrings(in), in.str(), in.optInt(), in.optLong(), bool(in), in.optInt(), in.optDbl(), in.optDbl(),
                in.optDbl(), in.optDbl(), in.optDbl(), in.str(), in.optLong(), in.str(), in.optInt(), readHops(in), bool(in));
        return new Observation(r, eventTime, source);
    }

    private static void optInt(Out out, Integer v) {
        out.optLong(v == null ? null : v.longValue());
    }

    private static void bool(Out out, Boolean v) {
        out.b(v == null ? 0 : v ? 2 : 1);
    }

    private static Boolean bool(In in) {
        int v = in.b();
        return v == 0 ? null : v == 2;
    }

    private static void writeLabels(Out out, Map<String, String> labels) {
        out.varlong(labels == null ? 0 : labels.size() + 1L);
        if (labels != null) {
            labels.forEach((k, v) -> {
                out.str(k);
                out.str(v);
            });
        }
    }

    private static Map<String, String> readLabels(In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 1; i < n; i++) {
            String k = in.str();
            labels.put(k, in.str());
        }
        return labels;
    }

    /** A list of nullable doubles (a lost ping packet is null). */
    private static void writeDoubles(Out out, List<Double> values) {
        out.varlong(values == null ? 0 : values.size() + 1L);
        if (values != null) {
            values.forEach(out::optDbl);
        }
    }

    private static List<Double> readDoubles(In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        List<Double> values = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            values.add(in.optDbl());
        }
        return values;
    }

    private static void writeStrings(Out out, List<String> values) {
        out.varlong(values == null ? 0 : values.size() + 1L);
        if (values != null) {
            values.forEach(out::str);
        }
    }

    private static List<String> readStrings(In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        List<String> values = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            values.add(in.str());
        }
        return values;
    }

    private static void writeHops(Out out, List<CanaryResult.Hop> hops) {
        out.varlong(hops == null ? 0 : hops.size() + 1L);
        if (hops != null) {
            for (CanaryResult.Hop h : hops) {
                out.zigzag(h.ttl());
                out.str(h.address());
                writeDoubles(out, h.rttsMs());
                out.optDbl(h.lossPercent());
            }
        }
    }

    private static List<CanaryResult.Hop> readHops(In in) {
        int n = in.size();
        if (n == 0) {
            return null;
        }
        List<CanaryResult.Hop> hops = new ArrayList<>(n - 1);
        for (int i = 1; i < n; i++) {
            hops.add(new CanaryResult.Hop(Math.toIntExact(in.zigzag()), in.str(), readDoubles(in), in.optDbl()));
        }
        return hops;
    }
}

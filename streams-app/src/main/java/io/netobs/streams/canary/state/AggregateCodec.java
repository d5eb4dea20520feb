package io.netobs.streams.canary.state;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.state.StoreCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Format 1 of a closed window's {@link CanaryAggregate} in the latest-window and history stores:
 * each field in record order. Only the stores are binary: canary-aggregates keeps its JSON.
 */
public final class AggregateCodec extends StoreCodec<CanaryAggregate> {
    public static final AggregateCodec INSTANCE = new AggregateCodec();
    static final int FORMAT = 1;

    private AggregateCodec() {
        super("CanaryAggregate", FORMAT);
    }

    @Override
    protected void write(Out out, CanaryAggregate a) {
        writeOne(out, a);
    }

    @Override
    protected CanaryAggregate read(In in) {
        return readOne(in);
    }

    static void writeOne(Out out, CanaryAggregate a) {
        out.varlong(a.schemaVersion() == null ? 0 : a.schemaVersion() + 1L);
        out.str(a.target());
        out.str(a.type());
        out.str(a.canaryId());
        out.zigzag(a.windowStartMs());
        out.zigzag(a.windowEndMs());
        out.varlong(a.count());
        if (a.statusCounts() == null) {
            out.varlong(0);
        } else {
            out.varlong(a.statusCounts().size() + 1L);
            a.statusCounts().forEach((status, n) -> {
                out.str(status);
                out.varlong(n);
            });
        }
        out.dbl(a.availability());
        out.varlong(a.latencyCount());
        Double[] optional = {a.latencyMinMs(), a.latencyMaxMs(), a.latencyMeanMs(), a.latencyP50Ms(),
            a.latencyP90Ms(), a.latencyP99Ms(), a.packetLossMeanPercent(), a.jitterMs()};
        int present = 0;
        for (int i = 0; i < optional.length; i++) {
            present |= optional[i] == null ? 0 : 1 << i;
        }
        out.b(present);
        for (Double d : optional) {
            if (d != null) {
                out.dbl(d);
            }
        }
    }

    static CanaryAggregate readOne(In in) {
        long version = in.varlong();
        String target = in.str();
        String type = in.str();
        String canaryId = in.str();
        long start = in.zigzag();
        long end = in.zigzag();
        long count = in.varlong();
        int statuses = in.size();
        Map<String, Long> statusCounts = null;
        if (statuses > 0) {
            statusCounts = new LinkedHashMap<>();
            for (int i = 1; i < statuses; i++) {
                String status = in.str();
                statusCounts.put(status, in.varlong());
            }
        }
        double availability = in.dbl();
        long latencyCount = in.varlong();
        int present = in.b();
        Double[] optional = new Double[8];
        for (int i = 0; i < optional.length; i++) {
            optional[i] = (present & (1 << i)) != 0 ? in.dbl() : null;
        }
        return new CanaryAggregate(version == 0 ? null : Math.toIntExact(version - 1), target, type, canaryId, start,
                end, count, statusCounts, availability, latencyCount, optional[0], optional[1], optional[2],
                optional[3], optional[4], optional[5], optional[6], optional[7]);
    }
}

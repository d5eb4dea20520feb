package io.netobs.streams;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One window of one target: the per-(type, canary) aggregates. The stream is keyed (and so
 * partitioned) by target, so keeping every canary of a target in one value lets both aggregations,
 * per (target, type, canary) and per (target, type), run without any repartition: the second is the
 * merge of the first's sketches when the window closes.
 */
public final class TargetWindow {
    /** type -> canary id -> aggregate; sorted so the output order is stable. */
    public Map<String, Map<String, SeriesWindow>> series = new TreeMap<>();

    public TargetWindow add(CanaryResult r, long eventTimeMs) {
        series.computeIfAbsent(r.type(), t -> new TreeMap<>())
                .computeIfAbsent(r.canaryId(), c -> new SeriesWindow())
                .add(r, eventTimeMs);
        return this;
    }

    /** Per (type, canary) aggregates, then one per type across canaries (canary id null). */
    public List<CanaryAggregate> toAggregates(String target, long startMs, long endMs) {
        List<CanaryAggregate> out = new ArrayList<>();
        series.forEach((type, byCanary) -> {
            SeriesWindow all = new SeriesWindow();
            byCanary.forEach((canary, w) -> {
                out.add(w.toAggregate(target, type, canary, startMs, endMs));
                all.merge(w);
            });
            out.add(all.toAggregate(target, type, null, startMs, endMs));
        });
        return out;
    }
}

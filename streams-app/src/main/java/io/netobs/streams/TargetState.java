package io.netobs.streams;

import io.netobs.schema.CanaryResult;
import java.util.Map;
import java.util.TreeMap;

/** The value of the last-values store: every series of one target, type -> canary id -> state. */
public final class TargetState {
    public Map<String, Map<String, SeriesState>> series = new TreeMap<>();

    public TargetState add(CanaryResult r, long eventTimeMs) {
        series.computeIfAbsent(r.type(), t -> new TreeMap<>())
                .computeIfAbsent(r.canaryId(), c -> new SeriesState())
                .add(r, eventTimeMs);
        return this;
    }
}

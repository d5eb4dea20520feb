package io.netobs.streams.canary;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.canary.state.SeriesRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One target as the window processor holds it in memory: its series by type and canary (sorted, so
 * windows are published in a stable order) and the latest closed window of each series, per canary
 * and across canaries, which is the value of the latest-windows store.
 */
final class TargetEntry {
    /** A series: its store key (built once) and its record. */
    record Series(String key, SeriesRecord rec) {
    }

    final TreeMap<String, TreeMap<String, Series>> byType = new TreeMap<>();
    final List<CanaryAggregate> latest;

    TargetEntry(List<CanaryAggregate> latest) {
        this.latest = latest;
    }

    Series series(String type, String canary) {
        TreeMap<String, Series> byCanary = byType.get(type);
        return byCanary == null ? null : byCanary.get(canary);
    }

    void add(String type, String canary, Series s) {
        byType.computeIfAbsent(type, t -> new TreeMap<>()).put(canary, s);
    }

    /** Keeps {@code a} as the latest window of its series; an older window never replaces a newer one. */
    void latest(CanaryAggregate a) {
        for (int i = 0; i < latest.size(); i++) {
            CanaryAggregate old = latest.get(i);
            if (old.type().equals(a.type()) && Objects.equals(old.canaryId(), a.canaryId())) {
                if (a.windowEndMs() >= old.windowEndMs()) {
                    latest.set(i, a);
                }
                return;
            }
        }
        latest.add(a);
    }

    /** Forgets the latest window of a series (canary null: the aggregate across the type's canaries). */
    void forget(String type, String canary) {
        latest.removeIf(a -> a.type().equals(type) && Objects.equals(a.canaryId(), canary));
    }

    static TargetEntry empty() {
        return new TargetEntry(new ArrayList<>());
    }
}

package io.netobs.streams.canary;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.canary.state.SeriesRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One target as the window processor holds it in memory: its series sorted by type and canary (so
 * windows are published in a stable order), and the latest closed window of each series, per canary
 * and across canaries, which is the value of the latest-windows store. A target has a handful of
 * series, so a scan of a small array finds one faster than nested maps would.
 */
final class TargetEntry {
    /** A series: its type and canary, its store key (built once) and its record. */
    record Series(String type, String canary, String key, SeriesRecord rec) {
    }

    private static final Comparator<Series> ORDER = Comparator.comparing(Series::type).thenComparing(Series::canary);

    final List<Series> series = new ArrayList<>(4);
    final List<CanaryAggregate> latest;

    TargetEntry(List<CanaryAggregate> latest) {
        this.latest = latest;
    }

    Series series(String type, String canary) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (s.canary.equals(canary) && s.type.equals(type)) {
                return s;
            }
        }
        return null;
    }

    void add(Series s) {
        series.add(s);
        series.sort(ORDER);
    }

    boolean hasType(String type) {
        for (Series s : series) {
            if (s.type.equals(type)) {
                return true;
            }
        }
        return false;
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

package io.netobs.streams.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects data points per family during one scrape and builds the snapshots; empty families are left out. */
public final class MetricFamilies {
    private enum Kind { GAUGE, COUNTER, SUMMARY }

    private record Family(String help, Kind kind, List<Object> points) {
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    /** Declares a gauge family (order of declaration is the order in the output). */
    public MetricFamilies gauge(String name, String help) {
        families.put(name, new Family(help, Kind.GAUGE, new ArrayList<>()));
        return this;
    }

    /** Declares a counter family; {@code name} without the {@code _total} suffix the format adds. */
    public MetricFamilies counter(String name, String help) {
        families.put(name, new Family(help, Kind.COUNTER, new ArrayList<>()));
        return this;
    }

    /** Declares a summary family: quantiles plus _count and _sum, as Prometheus expects a "quantile" label. */
    public MetricFamilies summary(String name, String help) {
        families.put(name, new Family(help, Kind.SUMMARY, new ArrayList<>()));
        return this;
    }

    public void add(String name, double value, String... labelPairs) {
        Family f = family(name);
        Labels labels = Labels.of(labelPairs);
        f.points.add(f.kind == Kind.COUNTER
                ? CounterSnapshot.CounterDataPointSnapshot.builder().value(value).labels(labels).build()
                : GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).labels(labels).build());
    }

    public void addSummary(String name, long count, double sum, Quantiles quantiles, String... labelPairs) {
        family(name).points.add(SummarySnapshot.SummaryDataPointSnapshot.builder()
                .count(count).sum(sum).quantiles(quantiles).labels(Labels.of(labelPairs)).build());
    }

    private Family family(String name) {
        Family f = families.get(name);
        if (f == null) {
            throw new IllegalArgumentException("undeclared family " + name);
        }
        return f;
    }

    public void addIfPresent(String name, Number value, String... labelPairs) {
        if (value != null) {
            add(name, value.doubleValue(), labelPairs);
        }
    }

    public MetricSnapshots build() {
        List<MetricSnapshot> out = new ArrayList<>();
        families.forEach((name, f) -> {
            if (f.points.isEmpty()) {
                return;
            }
            if (f.kind == Kind.COUNTER) {
                var b = CounterSnapshot.builder().name(name).help(f.help);
                f.points.forEach(p -> b.dataPoint((CounterSnapshot.CounterDataPointSnapshot) p));
                out.add(b.build());
            } else if (f.kind == Kind.SUMMARY) {
                var b = SummarySnapshot.builder().name(name).help(f.help);
                f.points.forEach(p -> b.dataPoint((SummarySnapshot.SummaryDataPointSnapshot) p));
                out.add(b.build());
            } else {
                var b = GaugeSnapshot.builder().name(name).help(f.help);
                f.points.forEach(p -> b.dataPoint((GaugeSnapshot.GaugeDataPointSnapshot) p));
                out.add(b.build());
            }
        });
        return new MetricSnapshots(out);
    }
}

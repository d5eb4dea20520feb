package io.netobs.streams.metrics;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.Status;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;

/**
 * The families of the latest closed window: {@code netobs_canary_window_*} per (target, probe,
 * canary) and {@code netobs_target_window_*} per (target, probe) across canaries. Seconds and ratios,
 * as Prometheus conventions ask; results per status are 0/1-style series for all four statuses, so a
 * status that did not occur reads 0 rather than absent.
 */
final class WindowMetrics {
    private static final String[] SCOPES = {"netobs_canary_window_", "netobs_target_window_"};

    private WindowMetrics() {
    }

    static void declare(MetricFamilies f) {
        for (String p : SCOPES) {
            String of = p.startsWith("netobs_canary") ? " of the latest closed window per canary"
                    : " of the latest closed window across all canaries";
            f.gauge(p + "results", "Results per status" + of)
                    .gauge(p + "availability_ratio", "Share of SUCCESS results" + of)
                    .summary(p + "latency_seconds", "Latency quantiles (at most 1% relative error), count and sum" + of)
                    .gauge(p + "latency_min_seconds", "Smallest latency" + of)
                    .gauge(p + "latency_max_seconds", "Largest latency" + of)
                    .gauge(p + "latency_mean_seconds", "Mean latency" + of)
                    .gauge(p + "packet_loss_ratio", "Mean packet loss (0..1)" + of)
                    .gauge(p + "jitter_seconds", "Mean absolute difference of consecutive latencies" + of)
                    .gauge(p + "end_timestamp_seconds", "End of the window" + of + ", Unix seconds");
        }
    }

    static void add(MetricFamilies f, CanaryAggregate a) {
        {
            boolean perCanary = a.canaryId() != null;
            String p = perCanary ? SCOPES[0] : SCOPES[1];
            String[] labels = perCanary
                    ? new String[] {"target", a.target(), "probe", a.type(), "canary_id", a.canaryId()}
                    : new String[] {"target", a.target(), "probe", a.type()};
            for (Status s : Status.values()) {
                f.add(p + "results", a.statusCounts().getOrDefault(s.name(), 0L), with(labels, "status", s.name()));
            }
            f.add(p + "availability_ratio", a.availability(), labels);
            if (a.latencyCount() > 0) {
                f.addSummary(p + "latency_seconds", a.latencyCount(), a.latencyMeanMs() * a.latencyCount() / 1000.0,
                        Quantiles.of(new Quantile(0.5, a.latencyP50Ms() / 1000.0),
                                new Quantile(0.9, a.latencyP90Ms() / 1000.0),
                                new Quantile(0.99, a.latencyP99Ms() / 1000.0)), labels);
            }
            seconds(f, p + "latency_min_seconds", a.latencyMinMs(), labels);
            seconds(f, p + "latency_max_seconds", a.latencyMaxMs(), labels);
            seconds(f, p + "latency_mean_seconds", a.latencyMeanMs(), labels);
            if (a.packetLossMeanPercent() != null) {
                f.add(p + "packet_loss_ratio", a.packetLossMeanPercent() / 100.0, labels);
            }
            seconds(f, p + "jitter_seconds", a.jitterMs(), labels);
            f.add(p + "end_timestamp_seconds", a.windowEndMs() / 1000.0, labels);
        }
    }

    private static void seconds(MetricFamilies f, String name, Double ms, String[] labels) {
        if (ms != null) {
            f.add(name, ms / 1000.0, labels);
        }
    }

    private static String[] with(String[] labels, String name, String value) {
        String[] out = java.util.Arrays.copyOf(labels, labels.length + 2);
        out[labels.length] = name;
        out[labels.length + 1] = value;
        return out;
    }
}

package io.netobs.streams.path;

import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.metrics.MetricFamilies;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The path families, built at scrape time from this instance's path store, so they survive restarts
 * and rebalances and vanish with an expired series. Counters start at 0 with the series. Per-hop
 * series exist for the TTLs of the current path (at most {@link Trace#MAX_HOPS}), from the newest
 * result: latency only where a probe was answered.
 */
public final class PathMetrics implements MultiCollector {
    static final String CHANGES = "netobs_path_changes"; // _total
    static final String ACTIVE = "netobs_path_change_active";
    static final String HOPS = "netobs_path_hops";
    static final String HOP_LATENCY = "netobs_path_hop_latency_seconds";
    static final String HOP_LOSS = "netobs_path_hop_loss_ratio";
    static final String STALE = "netobs_path_stale_results"; // _total
    static final String TRUNCATED = "netobs_path_truncated_results"; // _total

    private final LocalStores stores;

    public PathMetrics(LocalStores stores) {
        this.stores = stores;
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies f = new MetricFamilies()
                .counter(CHANGES, "Times the traceroute path from the canary to the target changed (a return to the previous path counts too)")
                .gauge(ACTIVE, "1 while a PATH_CHANGED event of the series is open on path-events, else 0")
                .gauge(HOPS, "TTLs of the current path, up to its last answering hop")
                .gauge(HOP_LATENCY, "Median round-trip time to the hop (TTL) of the current path in the newest traceroute result, seconds")
                .gauge(HOP_LOSS, "Share of the probes to the hop (TTL) of the current path without a reply in the newest traceroute result")
                .counter(STALE, "Traceroute results not newer than the newest analysed one of the series (out of order or repeated), left out of the path analysis")
                .counter(TRUNCATED, "Traceroute results of which TTLs above " + Trace.MAX_HOPS + " or addresses beyond "
                        + Trace.MAX_ADDRESSES + " per TTL were left out of the path");
        try (KeyValueIterator<String, PathRecord> it = stores.<PathRecord>keyValue(PathNames.STORE_PATHS).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                String[] k = SeriesKeys.parse(kv.key);
                add(f, k[0], k[2], kv.value);
            }
        } catch (InvalidStateStoreException e) {
            // Rebalancing or restoring: serve nothing rather than half a view.
            return new MetricSnapshots();
        }
        return f.build();
    }

    private static void add(MetricFamilies f, String target, String canary, PathRecord r) {
        f.add(CHANGES, r.changes, "target", target, "canary_id", canary);
        f.add(ACTIVE, r.open == null ? 0 : 1, "target", target, "canary_id", canary);
        f.add(STALE, r.stale, "target", target, "canary_id", canary);
        f.add(TRUNCATED, r.truncated, "target", target, "canary_id", canary);
        if (r.current.length() == 0) {
            return;
        }
        f.add(HOPS, r.current.length(), "target", target, "canary_id", canary);
        int n = Math.min(r.current.length(), r.latencyMs.length);
        for (int i = 0; i < n; i++) {
            String hop = Integer.toString(i + 1);
            if (!Double.isNaN(r.latencyMs[i])) {
                f.add(HOP_LATENCY, r.latencyMs[i] / 1000.0, "target", target, "canary_id", canary, "hop", hop);
            }
            if (!Double.isNaN(r.lossRatio[i])) {
                f.add(HOP_LOSS, r.lossRatio[i], "target", target, "canary_id", canary, "hop", hop);
            }
        }
    }
}

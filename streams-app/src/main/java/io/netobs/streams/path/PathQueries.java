package io.netobs.streams.path;

import io.netobs.schema.PathEvent;
import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.http.LocalStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The current traceroute paths, for the status page, read from this instance's own path store. The
 * store is partitioned by target like the canary stores, so the instance that owns a target for
 * {@code /api/targets/{target}} owns its paths too: the HTTP layer forwards to it the same way. Reading
 * while the store is not queryable (starting, rebalancing) throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException}: HTTP 503.
 */
public final class PathQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final LocalStores stores;

    public PathQueries(LocalStores stores) {
        this.stores = stores;
    }

    /** The current path of every canary that traces {@code target}, by canary id; empty when none does here. */
    public Map<String, CurrentPath> path(String target) {
        Map<String, CurrentPath> out = new TreeMap<>();
        String prefix = SeriesKeys.of(target, PathNames.TYPE, "");
        try (KeyValueIterator<String, PathRecord> it = store().prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> {
                CurrentPath p = view(kv.key, kv.value);
                if (p != null) {
                    out.put(p.canaryId(), p);
                }
            });
        }
        return out;
    }

    /** Every current path this instance holds, sorted by target, then canary. */
    public List<CurrentPath> all() {
        Map<String, CurrentPath> sorted = new TreeMap<>();
        try (KeyValueIterator<String, PathRecord> it = store().all()) {
            it.forEachRemaining(kv -> {
                CurrentPath p = view(kv.key, kv.value);
                if (p != null) {
                    sorted.put(kv.key, p);
                }
            });
        }
        return List.copyOf(sorted.values());
    }

    private ReadOnlyKeyValueStore<String, PathRecord> store() {
        return stores.keyValue(PathNames.STORE_PATHS);
    }

    /**
     * One canary's current path to a target.
     *
     * @param sinceMs     observation time the path was first seen (since the last change), Unix ms
     * @param results     consecutive results that showed it
     * @param lastResultMs observation time of the newest result, Unix ms
     * @param hops        TTL 1 up to the last answering hop: every address seen there on this path and
     *                    the newest result's figures
     * @param openChange  the open PATH_CHANGED event (as on path-events), or null while the path is stable
     */
    public record CurrentPath(String target, String canaryId, String pop, boolean destinationReached, long sinceMs,
                              int results, long lastResultMs, long changes, List<Hop> hops, PathEvent openChange) {
    }

    /**
     * @param addresses   sorted; several when load-balanced, empty when no reply ever came
     * @param latencyMs   median RTT in the newest result, null when no probe was answered
     * @param lossPercent probes without a reply in the newest result, null when unknown
     */
    public record Hop(int ttl, List<String> addresses, Double latencyMs, Double lossPercent) {
    }

    private static CurrentPath view(String key, PathRecord r) {
        if (r.current.length() == 0) {
            return null;
        }
        String[] k = SeriesKeys.parse(key);
        List<Hop> hops = new ArrayList<>(r.current.length());
        for (int ttl = 1; ttl <= r.current.length(); ttl++) {
            hops.add(new Hop(ttl, r.current.at(ttl), figure(r.latencyMs, ttl, 1), figure(r.lossRatio, ttl, 100)));
        }
        return new CurrentPath(k[0], k[2], r.pop, r.current.reached(), r.sinceMs, r.results, r.lastResultMs,
                r.changes, List.copyOf(hops), PathTracker.open(r, k[0], k[2]));
    }

    private static Double figure(double[] values, int ttl, double scale) {
        return ttl <= values.length && !Double.isNaN(values[ttl - 1]) ? values[ttl - 1] * scale : null;
    }
}

package io.netobs.streams.metrics;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.canary.state.SeriesRecord;
import io.netobs.streams.http.LocalStores;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the canary families at scrape time from this instance's local stores, so each instance
 * serves exactly the partitions it owns, values survive restarts and rebalances (the stores are
 * restored from their changelogs), and an expired series' series vanish with it. While a store is
 * not queryable (rebalancing, restoring) its families are left out of that scrape rather than shown
 * as zeros.
 */
public final class CanaryMetrics implements MultiCollector {
    private static final Logger LOG = LoggerFactory.getLogger(CanaryMetrics.class);
    private final LocalStores stores;

    public CanaryMetrics(LocalStores stores) {
        this.stores = stores;
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies f = new MetricFamilies();
        LastValueMetrics.declare(f);
        WindowMetrics.declare(f);
        this.<SeriesRecord>each(CanaryNames.STORE_SERIES, (key, rec) -> {
            String[] k = SeriesKeys.parse(key);
            LastValueMetrics.add(f, k[0], k[1], k[2], rec.last);
        });
        this.<List<CanaryAggregate>>each(CanaryNames.STORE_LATEST, (target, windows) -> windows.forEach(a -> WindowMetrics.add(f, a)));
        return f.build();
    }

    private <V> void each(String storeName, BiConsumer<String, V> action) {
        try {
            ReadOnlyKeyValueStore<String, V> store = stores.keyValue(storeName);
            try (KeyValueIterator<String, V> it = store.all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    action.accept(kv.key, kv.value);
                }
            }
        } catch (InvalidStateStoreException e) {
            LOG.debug("store {} not queryable during this scrape: {}", storeName, e.getMessage());
        }
    }
}

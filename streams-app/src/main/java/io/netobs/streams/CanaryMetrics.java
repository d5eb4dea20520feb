package io.netobs.streams;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the canary families at scrape time from this instance's local stores, so each instance
 * serves exactly the partitions it owns, values survive restarts and rebalances (the stores are
 * restored from their changelogs), and a target's series vanish with it. While a store is not
 * queryable (rebalancing, restoring) its families are left out of that scrape rather than shown
 * as zeros.
 */
public final class CanaryMetrics implements MultiCollector {
    static final String DEAD_LETTERS = "netobs_dead_letters"; // _total
    static final String LATE = "netobs_canary_late_records"; // _total
    static final String OVERFLOW = "netobs_label_overflow"; // _total
    /** The netobs_label_overflow_total{family} value for every canary family. */
    static final String OVERFLOW_FAMILY = "canary";

    private static final Logger LOG = LoggerFactory.getLogger(CanaryMetrics.class);
    private final LocalStores stores;
    private final DeadLetterCounts deadLetters;

    public CanaryMetrics(LocalStores stores, DeadLetterCounts deadLetters) {
        this.stores = stores;
        this.deadLetters = deadLetters;
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies f = new MetricFamilies();
        LastValueMetrics.declare(f);
        WindowMetrics.declare(f);
        f.counter(DEAD_LETTERS, "Input records sent to netobs-dead-letters by this instance, by source topic and reason")
                .counter(LATE, "Canary results later than window end + grace, left out of the windows (still counted in canary_status_total)")
                .counter(OVERFLOW, "Results of new series refused because the partition holds NETOBS_MAX_SERIES series");

        this.<TargetState>each(Names.STORE_LAST_VALUES, (target, s) -> LastValueMetrics.add(f, target, s));
        this.<LatestWindows>each(Names.STORE_LATEST_WINDOWS, (target, w) -> WindowMetrics.add(f, w));
        long[] counters = new long[2];
        boolean countersReadable = this.<Long>each(Names.STORE_PIPELINE_COUNTERS, (name, v) -> {
            // One entry per partition under the same key: sum them.
            if (Names.COUNTER_LATE.equals(name)) {
                counters[0] += v;
            } else if (Names.COUNTER_OVERFLOW.equals(name)) {
                counters[1] += v;
            }
        });
        if (countersReadable) {
            f.add(LATE, counters[0]);
            f.add(OVERFLOW, counters[1], "family", OVERFLOW_FAMILY);
        }
        for (Map.Entry<Map.Entry<String, String>, Long> e : deadLetters.snapshot().entrySet()) {
            f.add(DEAD_LETTERS, e.getValue(), "topic", e.getKey().getKey(), "reason", e.getKey().getValue());
        }
        return f.build();
    }

    private <V> boolean each(String storeName, java.util.function.BiConsumer<String, V> action) {
        try {
            ReadOnlyKeyValueStore<String, V> store = stores.keyValue(storeName);
            try (KeyValueIterator<String, V> it = store.all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    action.accept(kv.key, kv.value);
                }
            }
            return true;
        } catch (InvalidStateStoreException e) {
            LOG.debug("store {} not queryable during this scrape: {}", storeName, e.getMessage());
            return false;
        }
    }
}

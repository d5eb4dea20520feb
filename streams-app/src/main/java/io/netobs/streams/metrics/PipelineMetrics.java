package io.netobs.streams.metrics;

import io.netobs.streams.errors.Reasons;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.state.Counters;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The pipeline's own counters, summed over the counter stores of the tasks this instance owns:
 * dead letters by source topic and reason, late results, refused label values by family. Every
 * label value known in advance is exported from 0, so {@code increase()} sees the first increment and
 * its alert can fire for it. Read from changelogged stores, the counts survive restarts.
 */
public final class PipelineMetrics implements MultiCollector {
    static final String DEAD_LETTERS = "netobs_dead_letters"; // _total
    static final String LATE = "netobs_canary_late_records"; // _total
    static final String OVERFLOW = "netobs_label_overflow"; // _total

    /** A counter store and the label values its counters are known to take. */
    public record Source(String store, List<String> inputTopics, List<String> overflowFamilies) {
    }

    private final LocalStores stores;
    private final List<Source> sources;

    public PipelineMetrics(LocalStores stores, List<Source> sources) {
        this.stores = stores;
        this.sources = sources;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Double> deadLetters = new TreeMap<>();
        Map<String, Double> overflow = new TreeMap<>();
        double late = 0;
        boolean any = false;
        for (Source source : sources) {
            source.inputTopics().forEach(t -> Reasons.ALL.forEach(r -> deadLetters.putIfAbsent(t + Counters.SEP + r, 0.0)));
            source.overflowFamilies().forEach(fam -> overflow.putIfAbsent(fam, 0.0));
            try (KeyValueIterator<String, Long> it = stores.<Long>keyValue(source.store()).all()) {
                while (it.hasNext()) {
                    var kv = it.next();
                    String[] k = kv.key.split(String.valueOf(Counters.SEP), -1);
                    switch (k[0]) {
                        case Counters.DEAD_LETTERS -> deadLetters.merge(k[1] + Counters.SEP + k[2], (double) kv.value, Double::sum);
                        case Counters.OVERFLOW -> overflow.merge(k[1], (double) kv.value, Double::sum);
                        case Counters.LATE -> late += kv.value;
                        default -> { }
                    }
                }
                any = true;
            } catch (InvalidStateStoreException e) {
                // Rebalancing or restoring: this store's counts are left out of this scrape.
                return new MetricSnapshots();
            }
        }
        MetricFamilies f = new MetricFamilies()
                .counter(DEAD_LETTERS, "Input records sent to netobs-dead-letters by the streams app, by source topic and reason")
                .counter(LATE, "Canary results later than window end + grace or older than the retention, left out of the windows (still counted in canary_status_total)")
                .counter(OVERFLOW, "Results or label values refused because a bound was reached, by family (canary: NETOBS_MAX_SERIES series per partition; dns: query type and resolver combinations per series; bgp_*: BGP label values)");
        if (!any) {
            return f.build();
        }
        deadLetters.forEach((k, v) -> {
            int sep = k.indexOf(Counters.SEP);
            f.add(DEAD_LETTERS, v, "topic", k.substring(0, sep), "reason", k.substring(sep + 1));
        });
        f.add(LATE, late);
        overflow.forEach((family, v) -> f.add(OVERFLOW, v, "family", family));
        return f.build();
    }
}

package io.netobs.streams;

import io.netobs.schema.CanaryResult;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * First stateful step after the merge, one instance per task (partition):
 * <ul>
 *   <li>bounds label cardinality: a (target, type, canary) series not seen before is admitted only
 *       while this partition holds fewer than {@code maxSeries}; results of further new series are
 *       counted ({@code label_overflow}) and go no further, so memory and /metrics stay bounded;</li>
 *   <li>counts records the window aggregation will drop as too late. It mirrors the aggregator's
 *       rule exactly: stream time is the largest timestamp this task has forwarded, and a record is
 *       late when its window's end + grace is at or before stream time. Both processors see the same
 *       records in the same order and both start from no stream time after a restart, so the counts
 *       match (the dropped-records sensor would too, but is not restored and not per cause);</li>
 *   <li>attaches the event time the aggregator needs.</li>
 * </ul>
 * Counters live in a changelogged store so they survive restarts.
 */
final class AdmissionProcessor implements FixedKeyProcessor<String, CanaryResult, Observation> {
    private final long sizeMs;
    private final long graceMs;
    private final int maxSeries;
    private FixedKeyProcessorContext<String, Observation> context;
    private KeyValueStore<String, Long> knownSeries;
    private KeyValueStore<String, Long> counters;
    /**
     * The store's keys, read once at init: a store lookup per record (key serialization, a cache
     * probe, a value decode) cost more than the rest of this processor. The store stays the record
     * that survives restarts; every key added here is put there in the same step.
     */
    private final Set<String> known = new HashSet<>();
    private long streamTime = -1;

    AdmissionProcessor(Duration size, Duration grace, int maxSeries) {
        this.sizeMs = size.toMillis();
        this.graceMs = grace.toMillis();
        this.maxSeries = maxSeries;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Observation> context) {
        this.context = context;
        this.knownSeries = context.getStateStore(Names.STORE_KNOWN_SERIES);
        this.counters = context.getStateStore(Names.STORE_PIPELINE_COUNTERS);
        // Exact, not approximateNumEntries: the bound must not drift with RocksDB estimates. Cleared
        // first: a task revived after an error is initialized again with this same instance.
        known.clear();
        try (KeyValueIterator<String, Long> it = knownSeries.all()) {
            while (it.hasNext()) {
                known.add(it.next().key);
            }
        }
    }

    @Override
    public void process(FixedKeyRecord<String, CanaryResult> record) {
        CanaryResult r = record.value();
        String series = seriesKey(r.target(), r.type(), r.canaryId());
        if (!known.contains(series)) {
            if (known.size() >= maxSeries) {
                increment(Names.COUNTER_OVERFLOW);
                return;
            }
            knownSeries.put(series, record.timestamp());
            known.add(series);
        }
        long ts = record.timestamp();
        streamTime = Math.max(streamTime, ts);
        long windowEnd = ts - Math.floorMod(ts, sizeMs) + sizeMs;
        if (windowEnd + graceMs <= streamTime) {
            increment(Names.COUNTER_LATE);
        }
        context.forward(record.withValue(new Observation(r, ts)));
    }

    private void increment(String counter) {
        Long v = counters.get(counter);
        counters.put(counter, v == null ? 1L : v + 1);
    }

    static String seriesKey(String target, String type, String canaryId) {
        // U+001F (unit separator) cannot appear in a validated label value by accident.
        return target + '\u001f' + type + '\u001f' + canaryId;
    }
}

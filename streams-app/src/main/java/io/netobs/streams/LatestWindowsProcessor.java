package io.netobs.streams;

import io.netobs.schema.CanaryAggregate;
import java.util.List;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Receives each closed window once, turns it into the per-canary and per-target aggregates, keeps
 * them as the target's latest windows (for /metrics and /api, keyed by target so
 * {@code queryMetadataForKey(target)} finds the owner) and forwards them for publishing.
 */
final class LatestWindowsProcessor implements FixedKeyProcessor<Windowed<String>, TargetWindow, List<CanaryAggregate>> {
    private FixedKeyProcessorContext<Windowed<String>, List<CanaryAggregate>> context;
    private KeyValueStore<String, LatestWindows> store;

    @Override
    public void init(FixedKeyProcessorContext<Windowed<String>, List<CanaryAggregate>> context) {
        this.context = context;
        this.store = context.getStateStore(Names.STORE_LATEST_WINDOWS);
    }

    @Override
    public void process(FixedKeyRecord<Windowed<String>, TargetWindow> record) {
        if (record.value() == null) {
            return;
        }
        String target = record.key().key();
        List<CanaryAggregate> aggregates = record.value()
                .toAggregates(target, record.key().window().start(), record.key().window().end());
        LatestWindows latest = store.get(target);
        latest = latest == null ? new LatestWindows() : latest;
        for (CanaryAggregate a : aggregates) {
            latest.put(a);
        }
        store.put(target, latest);
        context.forward(record.withValue(aggregates));
    }
}

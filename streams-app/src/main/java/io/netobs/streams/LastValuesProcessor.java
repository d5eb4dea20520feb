package io.netobs.streams;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, per target, the cumulative status counts and the last value of every gauge the seed's
 * consumer exported. Every result counts here, late or not: canary_status_total is a count of
 * results, not of windows.
 */
final class LastValuesProcessor implements FixedKeyProcessor<String, Observation, Void> {
    private KeyValueStore<String, TargetState> store;

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        store = context.getStateStore(Names.STORE_LAST_VALUES);
    }

    @Override
    public void process(FixedKeyRecord<String, Observation> record) {
        Observation o = record.value();
        String target = o.result().target();
        TargetState state = store.get(target);
        store.put(target, (state == null ? new TargetState() : state).add(o.result(), o.eventTimeMs()));
    }
}

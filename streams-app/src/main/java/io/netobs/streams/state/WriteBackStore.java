package io.netobs.streams.state;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A changelogged key-value store for values a processor keeps in memory and only writes: each put
 * holds the value object until the task commits, and the commit writes every changed value once
 * (serialized, to RocksDB and the changelog) in its transaction, before the offsets. So the store and
 * its changelog carry exactly the state of the records the commit covers, as with Kafka Streams' own
 * record cache, but a value updated by a thousand records between two commits is encoded once, not a
 * thousand times, and a put costs a map update instead of a serialization and a cache entry.
 *
 * <p>The commit hook is Kafka Streams' internal cache interface ({@code flushCache}, called for every
 * registered store in {@code StreamTask#prepareCommit} before the producer's records are flushed and
 * the transaction committed), the same one its caching layer uses; this class is tied to the Kafka
 * Streams version the build pins, and CanaryPipelineIT and the fault suite check its behaviour there.
 *
 * <p>Reads (interactive queries, a processor's initialisation) see the committed state: the values are
 * mutable objects the stream thread keeps changing, so no other thread may see them before they are
 * written. A processor must therefore never read back what it wrote through this store.
 */
public final class WriteBackStore<V> extends WrappedStateStore<KeyValueStore<String, V>, String, V>
        implements KeyValueStore<String, V> {
    private static final Object TOMBSTONE = new Object();
    private final Map<String, Object> dirty = new LinkedHashMap<>();
    private InternalProcessorContext<?, ?> context;
    private ProcessorRecordContext lastWrite;

    WriteBackStore(KeyValueStore<String, V> inner) {
        super(inner);
    }

    @Override
    public void init(StateStoreContext stateStoreContext, StateStore root) {
        this.context = (InternalProcessorContext<?, ?>) stateStoreContext;
        dirty.clear();
        super.init(stateStoreContext, root);
    }

    @Override
    public void put(String key, V value) {
        dirty.put(key, value == null ? TOMBSTONE : value);
        lastWrite = context.recordContext();
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V old = get(key);
        if (old == null && !dirty.containsKey(key)) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(String key) {
        V old = get(key);
        put(key, null);
        return old;
    }

    /** Writes every value changed since the last commit, once, in the commit's transaction. */
    @Override
    @SuppressWarnings("unchecked")
    public void flushCache() {
        if (!dirty.isEmpty()) {
            ProcessorRecordContext current = context.recordContext();
            // The changelog records carry the timestamp of the last record that changed this store.
            context.setRecordContext(lastWrite);
            try {
                for (Map.Entry<String, Object> e : dirty.entrySet()) {
                    if (e.getValue() == TOMBSTONE) {
                        wrapped().delete(e.getKey());
                    } else {
                        wrapped().put(e.getKey(), (V) e.getValue());
                    }
                }
            } finally {
                context.setRecordContext(current);
            }
            dirty.clear();
        }
        super.flushCache();
    }

    /** A task closed without committing: what it did since the last commit is discarded with it. */
    @Override
    public void clearCache() {
        dirty.clear();
        super.clearCache();
    }

    @Override
    public V get(String key) {
        return wrapped().get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return wrapped().range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return wrapped().reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return wrapped().reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<String, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return wrapped().prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return wrapped().approximateNumEntries();
    }
}

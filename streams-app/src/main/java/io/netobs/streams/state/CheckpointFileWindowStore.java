package io.netobs.streams.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A RocksDB window store whose changelog offset is kept in a checkpoint file beside it instead of inside its
 * segments.
 *
 * <p>Since Kafka Streams 4.3 a persistent store keeps its own committed changelog offset: a key-value store in a
 * column family of its RocksDB instance, a segmented window store in each of its segments. A window store without
 * a segment (a partition that has not closed a window yet, or whose segments have all expired) therefore has
 * nowhere to keep it, reports none, and under exactly-once a task whose directory holds other stores is then
 * treated as corrupted on every start: wiped and restored from the changelogs. By saying it does not manage its
 * offsets, this store is wrapped by Kafka Streams' {@code LegacyCheckpointingStateStore}, which writes the offset to
 * {@code .checkpoint_<store>} in the task directory on a clean close (and deletes it at start-up, so a crash is still
 * detected), segments or not.
 */
public final class CheckpointFileWindowStore extends WrappedStateStore<WindowStore<Bytes, byte[]>, Bytes, byte[]>
        implements WindowStore<Bytes, byte[]> {

    /** The supplier's stores, each wrapped; everything else (segments, retention, size) as the supplier says. */
    public static WindowBytesStoreSupplier of(WindowBytesStoreSupplier inner) {
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new CheckpointFileWindowStore(inner.get());
            }

            @Override
            public String metricsScope() {
                return inner.metricsScope();
            }

            @Override
            public long segmentIntervalMs() {
                return inner.segmentIntervalMs();
            }

            @Override
            public long windowSize() {
                return inner.windowSize();
            }

            @Override
            public boolean retainDuplicates() {
                return inner.retainDuplicates();
            }

            @Override
            public long retentionPeriod() {
                return inner.retentionPeriod();
            }
        };
    }

    CheckpointFileWindowStore(WindowStore<Bytes, byte[]> inner) {
        super(inner);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return false;
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return null; // the checkpoint file's wrapper answers
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartTimestamp) {
        wrapped().put(key, value, windowStartTimestamp);
    }

    @Override
    public byte[] fetch(Bytes key, long time) {
        return wrapped().fetch(key, time);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return wrapped().fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return wrapped().backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return wrapped().backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return wrapped().fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return wrapped().backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return wrapped().backwardAll();
    }
}

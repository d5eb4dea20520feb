package io.netobs.streams.http;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * This instance's stores, across all the partitions it owns. Reading a store that is not queryable
 * (starting, rebalancing, restoring) throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException}.
 */
public interface LocalStores {
    <V> ReadOnlyKeyValueStore<String, V> keyValue(String storeName);

    <V> ReadOnlyWindowStore<String, V> window(String storeName);

    /** The stores of a running {@link KafkaStreams} (only this instance's active partitions). */
    static LocalStores of(KafkaStreams streams) {
        return new LocalStores() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> keyValue(String storeName) {
                return streams.store(StoreQueryParameters.fromNameAndType(storeName,
                        QueryableStoreTypes.<String, V>keyValueStore()));
            }

            @Override
            public <V> ReadOnlyWindowStore<String, V> window(String storeName) {
                return streams.store(StoreQueryParameters.fromNameAndType(storeName,
                        QueryableStoreTypes.<String, V>windowStore()));
            }
        };
    }
}

package io.netobs.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** {@link TargetQueries} over this instance's own stores only. */
public final class LocalTargets implements TargetQueries {
    private final LocalStores stores;

    public LocalTargets(LocalStores stores) {
        this.stores = stores;
    }

    @Override
    public List<TargetView> all() {
        ReadOnlyKeyValueStore<String, LatestWindows> store = stores.keyValue(Names.STORE_LATEST_WINDOWS);
        List<TargetView> out = new ArrayList<>();
        try (KeyValueIterator<String, LatestWindows> it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                out.add(new TargetView(kv.key, List.copyOf(kv.value.windows)));
            }
        }
        out.sort((a, b) -> a.target().compareTo(b.target()));
        return out;
    }

    @Override
    public Optional<TargetView> target(String target) {
        ReadOnlyKeyValueStore<String, LatestWindows> store = stores.keyValue(Names.STORE_LATEST_WINDOWS);
        LatestWindows w = store.get(target);
        return w == null ? Optional.empty() : Optional.of(new TargetView(target, List.copyOf(w.windows)));
    }
}

package io.netobs.streams.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.path.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The locator: a target's key is its partition, {@code queryMetadataForKey} names the instance that
 * owns it; read locally when that is this instance, otherwise ask the owner's /api with
 * {@code scope=local} (see {@link Forwarder}). Lists are gathered from every instance.
 */
public final class InteractiveQueries implements TargetQueries {
    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalTargets local;
    private final Forwarder forwarder = new Forwarder();

    /** @param local this instance's reads, which answer scope=local requests too */
    public InteractiveQueries(KafkaStreams streams, HostInfo self, LocalTargets local) {
        this.streams = streams;
        this.self = self;
        this.local = local;
    }

    public LocalTargets local() {
        return local;
    }

    @Override
    public List<TargetView> all() {
        List<TargetView> out = gather(local::all, "/api/targets?scope=local", new TypeReference<List<TargetView>>() { });
        out.sort((a, b) -> a.target().compareTo(b.target()));
        return out;
    }

    @Override
    public Optional<TargetView> target(String target) {
        HostInfo owner = owner(CanaryNames.STORE_LATEST, target);
        if (owner.equals(self)) {
            return local.target(target);
        }
        return Optional.ofNullable(forwarder.fetch(owner, "/api/targets/" + Forwarder.pathOf(target) + "?scope=local",
                new TypeReference<TargetView>() { }));
    }

    @Override
    public Optional<TargetHistory> history(String target) {
        HostInfo owner = owner(CanaryNames.STORE_LATEST, target);
        if (owner.equals(self)) {
            return local.history(target);
        }
        return Optional.ofNullable(forwarder.fetch(owner, "/api/history/" + Forwarder.pathOf(target) + "?scope=local",
                new TypeReference<TargetHistory>() { }));
    }

    @Override
    public Optional<TargetPaths> paths(String target) {
        HostInfo owner = owner(PathNames.STORE_PATHS, target);
        if (owner.equals(self)) {
            return local.paths(target);
        }
        return Optional.ofNullable(forwarder.fetch(owner, "/api/paths/" + Forwarder.pathOf(target) + "?scope=local",
                new TypeReference<TargetPaths>() { }));
    }

    @Override
    public List<TargetStatus> status() {
        // Each instance judges its own targets by its own clock; all rows of a target live on one instance.
        List<TargetStatus> out = gather(local::status, "/api/status?scope=local", new TypeReference<List<TargetStatus>>() { });
        out.sort(TargetStatus.PROBLEMS_FIRST);
        return out;
    }

    /** This instance's part from {@code mine}, every other instance's from its /api. */
    private <T> List<T> gather(java.util.function.Supplier<List<T>> mine, String path, TypeReference<List<T>> type) {
        List<T> out = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(CanaryNames.STORE_LATEST)) {
            if (m.hostInfo().equals(self)) {
                out.addAll(mine.get());
            } else {
                List<T> theirs = forwarder.fetch(m.hostInfo(), path, type);
                if (theirs != null) {
                    out.addAll(theirs);
                }
            }
        }
        return out;
    }

    /** The instance whose partition of {@code store} holds the target (every store here is keyed by target). */
    private HostInfo owner(String store, String target) {
        KeyQueryMetadata md = streams.queryMetadataForKey(store, target, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw new InvalidStateStoreException("no instance owns " + target + " right now (rebalancing)");
        }
        return md.activeHost();
    }
}

package io.netobs.streams.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.schema.bgp.Cidr;
import io.netobs.streams.bgp.BgpNames;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link PrefixQueries} across instances: the BGP stores are partitioned by monitored prefix (the key
 * of the topology's repartition), so {@code queryMetadataForKey} with the monitored prefix names the
 * owner; lists are gathered from every instance, keeping for each prefix the view of the instance
 * that has seen it.
 */
public final class InteractivePrefixQueries implements PrefixQueries {
    private final KafkaStreams streams;
    private final HostInfo self;
    private final PrefixQueries local;
    private final Forwarder forwarder = new Forwarder();

    public InteractivePrefixQueries(KafkaStreams streams, HostInfo self, PrefixQueries local) {
        this.streams = streams;
        this.self = self;
        this.local = local;
    }

    @Override
    public List<PrefixView> prefixes() {
        Map<String, PrefixView> byPrefix = new TreeMap<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(BgpNames.STORE_PREFIXES)) {
            List<PrefixView> views = m.hostInfo().equals(self) ? local.prefixes()
                    : forwarder.fetch(m.hostInfo(), "/api/bgp/prefixes?scope=local", new TypeReference<List<PrefixView>>() { });
            if (views != null) {
                views.forEach(v -> byPrefix.merge(v.prefix(), v, (a, b) -> a.seen() ? a : b));
            }
        }
        if (byPrefix.isEmpty()) {
            return local.prefixes(); // no instance has the store yet: the configuration, all unseen
        }
        // The configuration's order (address, then length), which the strings' order is not.
        return byPrefix.values().stream().sorted(Comparator.comparing(v -> Cidr.parse(v.prefix()))).toList();
    }

    @Override
    public Optional<PrefixView> prefix(String monitored) {
        KeyQueryMetadata md = streams.queryMetadataForKey(BgpNames.STORE_PREFIXES, monitored, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw new InvalidStateStoreException("no instance owns " + monitored + " right now (rebalancing)");
        }
        if (md.activeHost().equals(self)) {
            return local.prefix(monitored);
        }
        return Optional.ofNullable(forwarder.fetch(md.activeHost(),
                "/api/bgp/prefixes/" + Forwarder.pathOf(monitored) + "?scope=local", new TypeReference<PrefixView>() { }));
    }
}

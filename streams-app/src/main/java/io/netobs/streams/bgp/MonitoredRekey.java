package io.netobs.streams.bgp;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Stateless admission before the repartition, so nothing unmonitored costs a repartition write or a
 * store entry (and so no unmonitored prefix ever becomes a label): updates of ignored feeder peers
 * and of prefixes outside every monitored prefix are dropped here; the rest is keyed by the
 * monitored prefix it belongs to.
 *
 * <p>A PEER_DOWN names a peer, not a prefix, and the peer's routes are spread over every monitored
 * prefix; it is copied once per monitored prefix so the task owning each one withdraws that peer's
 * routes locally. Sessions go down a few times an hour per collector, so the fan-out (one small
 * record per monitored prefix) is cheap next to the alternative, a per-peer index kept consistent
 * across tasks, which would need a second repartition on every update.
 */
final class MonitoredRekey implements KeyValueMapper<String, BgpUpdate, Iterable<KeyValue<String, BgpUpdate>>> {
    private final MonitoredPrefixes config;
    private final List<String> monitored;

    MonitoredRekey(MonitoredPrefixes config) {
        this.config = config;
        this.monitored = config.monitored().stream().map(p -> p.prefix().toString()).toList();
    }

    @Override
    public Iterable<KeyValue<String, BgpUpdate>> apply(String key, BgpUpdate u) {
        if (u == null || u.type() == null || config.isIgnoredPeer(u.peerIp(), u.peerAsn())) {
            return List.of();
        }
        if (u.type() == BgpUpdate.Kind.PEER_DOWN) {
            return monitored.stream().map(m -> KeyValue.pair(m, u)).toList();
        }
        Cidr prefix;
        try {
            prefix = Cidr.parse(u.prefix());
        } catch (IllegalArgumentException e) {
            // Not a prefix at all: it cannot lie inside a monitored one. The ingester canonicalises
            // and dead-letters malformed prefixes; this only guards against other producers.
            return List.of();
        }
        Optional<MonitoredPrefixes.Prefix> match = config.match(prefix);
        if (match.isEmpty()) {
            return List.of();
        }
        BgpUpdate canonical = prefix.toString().equals(u.prefix()) ? u : withPrefix(u, prefix.toString());
        return List.of(KeyValue.pair(match.get().prefix().toString(), canonical));
    }

    private static BgpUpdate withPrefix(BgpUpdate u, String prefix) {
        return new BgpUpdate(u.schemaVersion(), u.timestampMs(), u.collector(), u.project(), u.peerIp(), u.peerAsn(),
                u.type(), prefix, u.asPath(), u.asSet(), u.originAsns(), u.nextHop(), u.communities(), u.source());
    }
}

package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one update (key = monitored prefix) to the route table and the counters, then lets
 * {@link EventDetector} open or close events of the prefix it touched. All state lives in stores,
 * so memory stays flat however many prefixes and peers there are, and a restart or rebalance
 * restores it from the changelogs.
 */
final class RouteStateProcessor implements Processor<String, BgpUpdate, String, BgpEvent> {
    private static final StringSerializer KEYS = new StringSerializer();

    private final Map<String, MonitoredPrefixes.Prefix> byPrefix;
    private final MonitoredPrefixes config;
    private final Supplier<VrpSet> vrps;
    private ProcessorContext<String, BgpEvent> context;
    private KeyValueStore<String, RouteEntry> routes;
    private KeyValueStore<String, Long> counts;
    private KeyValueStore<String, Long> seed;
    private EventDetector detector;

    RouteStateProcessor(MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        this.config = config;
        this.vrps = vrps;
        this.byPrefix = config.monitored().stream()
                .collect(Collectors.toMap(p -> p.prefix().toString(), Function.identity()));
    }

    @Override
    public void init(ProcessorContext<String, BgpEvent> context) {
        this.context = context;
        this.routes = context.getStateStore(BgpNames.STORE_ROUTES);
        this.counts = context.getStateStore(BgpNames.STORE_COUNTS);
        this.seed = context.getStateStore(BgpNames.STORE_SEED);
        this.detector = new EventDetector(config.options(), counts, context.getStateStore(BgpNames.STORE_OPEN_EVENTS), vrps);
    }

    @Override
    public void process(Record<String, BgpUpdate> record) {
        BgpUpdate u = record.value();
        MonitoredPrefixes.Prefix monitored = byPrefix.get(record.key());
        if (u == null || monitored == null) {
            return; // a record of a prefix removed from the config since it was repartitioned
        }
        // BGP time from the payload; the record timestamp is the same by contract but may be
        // rewritten by a producer that does not set it.
        long t = u.timestampMs() > 0 ? u.timestampMs() : record.timestamp();
        List<String> touched;
        if (u.type() == BgpUpdate.Kind.PEER_DOWN) {
            touched = peerDown(record.key(), u, t);
        } else if (admit(record.key(), u.prefix())) {
            touched = List.of(update(record.key(), monitored, u, t));
        } else {
            touched = List.of();
        }
        for (String prefix : touched) {
            for (BgpEvent e : detector.evaluate(monitored, prefix, t)) {
                context.forward(new Record<>(record.key(), e, t));
            }
        }
    }

    /**
     * True unless the update is of a more-specific not yet tracked while {@code maxMoreSpecifics} are
     * already; those are counted per monitored prefix instead, so a flood of more-specifics (a
     * de-aggregation leak) cannot grow state or label values without limit.
     */
    private boolean admit(String mp, String prefix) {
        if (prefix.equals(mp) || counts.get(BgpKeys.count(mp, prefix, BgpKeys.REPORTING)) != null) {
            return true;
        }
        String tracked = BgpKeys.count(mp, mp, BgpKeys.MORE_SPECIFICS);
        Long n = counts.get(tracked);
        if (n != null && n >= config.options().maxMoreSpecifics()) {
            add(BgpKeys.count(mp, mp, BgpKeys.OVERFLOW), 1, counts);
            return false;
        }
        add(tracked, 1, counts);
        return true;
    }

    private String update(String mp, MonitoredPrefixes.Prefix monitored, BgpUpdate u, long t) {
        String prefix = u.prefix();
        String key = BgpKeys.route(mp, prefix, BgpKeys.peer(u));
        RouteEntry old = routes.get(key);
        RouteEntry now;
        if (u.type() == BgpUpdate.Kind.ANNOUNCE) {
            String origin = BgpKeys.originKey(u);
            boolean expected = BgpKeys.origins(origin).stream().anyMatch(monitored::expectsOrigin);
            now = new RouteEntry(true, u.peerIp(), u.peerAsn(), u.collector(), u.project(), origin, u.asPath(),
                    expected ? BgpKeys.upstream(u) : null, t);
            add(BgpKeys.seedAnnouncement(prefix, u.peerAsn(), origin, u.project()), 1, seed);
            add(BgpKeys.count(mp, prefix, BgpKeys.ANNOUNCE), 1, counts);
        } else {
            now = new RouteEntry(false, u.peerIp(), u.peerAsn(), u.collector(), u.project(), null, null, null, t);
            add(BgpKeys.seedWithdrawal(prefix, u.peerAsn(), u.project()), 1, seed);
            add(BgpKeys.count(mp, prefix, BgpKeys.WITHDRAW), 1, counts);
        }
        Long last = seed.get(BgpKeys.seedLastEvent(u.project()));
        if (last == null || last < t) {
            seed.put(BgpKeys.seedLastEvent(u.project()), t);
        }
        routes.put(key, now);
        recount(mp, prefix, old, now);
        return prefix;
    }

    /** Withdraws every route of the peer under this monitored prefix that is not newer than the event. */
    private List<String> peerDown(String mp, BgpUpdate u, long t) {
        String suffix = BgpKeys.SEP + BgpKeys.peer(u);
        List<KeyValue<String, RouteEntry>> down = new ArrayList<>();
        try (KeyValueIterator<String, RouteEntry> it = routes.prefixScan(BgpKeys.scanMonitored(mp), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, RouteEntry> kv = it.next();
                // An announcement newer than the PEER_DOWN came from a re-established session:
                // PEER_DOWN and updates travel in different input partitions, so order is not given.
                if (kv.key.endsWith(suffix) && kv.value.announced() && kv.value.timestampMs() <= t) {
                    down.add(kv);
                }
            }
        }
        Set<String> touched = new LinkedHashSet<>();
        for (KeyValue<String, RouteEntry> kv : down) {
            RouteEntry now = kv.value.withdrawn(t);
            routes.put(kv.key, now);
            String prefix = BgpKeys.split(kv.key)[1];
            recount(mp, prefix, kv.value, now);
            touched.add(prefix);
        }
        return List.copyOf(touched);
    }

    /** Moves the per-prefix counters from the old route of a peer to its new one. */
    private void recount(String mp, String prefix, RouteEntry old, RouteEntry now) {
        if (old == null) {
            add(BgpKeys.count(mp, prefix, BgpKeys.REPORTING), 1, counts);
        } else if (old.announced()) {
            add(BgpKeys.count(mp, prefix, BgpKeys.VISIBLE), -1, counts);
            add(BgpKeys.count(mp, prefix, BgpKeys.ORIGIN + old.originKey()), -1, counts);
            if (old.upstreamAsn() != null) {
                add(BgpKeys.count(mp, prefix, BgpKeys.UPSTREAM + old.upstreamAsn()), -1, counts);
            }
        }
        if (now.announced()) {
            long visible = add(BgpKeys.count(mp, prefix, BgpKeys.VISIBLE), 1, counts);
            add(BgpKeys.count(mp, prefix, BgpKeys.ORIGIN + now.originKey()), 1, counts);
            if (now.upstreamAsn() != null) {
                add(BgpKeys.count(mp, prefix, BgpKeys.UPSTREAM + now.upstreamAsn()), 1, counts);
            }
            String maxKey = BgpKeys.count(mp, prefix, BgpKeys.MAX_VISIBLE);
            Long max = counts.get(maxKey);
            if (max == null || max < visible) {
                counts.put(maxKey, visible);
            }
        }
    }

    /** Adds to a counter; a counter that reaches zero is deleted so gone origins leave no entry. */
    static long add(String key, long delta, KeyValueStore<String, Long> store) {
        Long old = store.get(key);
        long v = Math.max(0, (old == null ? 0 : old) + delta);
        if (v == 0) {
            store.delete(key);
        } else {
            store.put(key, v);
        }
        return v;
    }
}

package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one update (key = monitored prefix) to the route table and the prefix's state, then lets
 * {@link EventDetector} open or close events of the prefix it touched. Per update: one route read and
 * write, one write of the prefix's state (its counts and open events, kept in memory too, so the rules
 * read nothing back), one write of the seed counter; all to cached, changelogged stores, so a restart
 * or rebalance restores them and a commit carries exactly the state of the updates it commits.
 *
 * <p>Label values are bounded: more-specifics by {@code maxMoreSpecifics} per monitored prefix, origins
 * and upstreams by the peers that announce a prefix now, and the seed's cumulative counters by
 * {@link #MAX_SEED_SERIES} (peer, origin, project) combinations per monitored prefix; updates beyond
 * are still applied to the route table and counted in {@code netobs_label_overflow_total{family="bgp"}}.
 */
final class RouteStateProcessor implements Processor<String, BgpUpdate, String, BgpEvent> {
    static final int MAX_SEED_SERIES = 4096;
    static final String OVERFLOW_FAMILY = "bgp";
    private static final StringSerializer KEYS = new StringSerializer();

    private final Map<String, MonitoredPrefixes.Prefix> byPrefix;
    private final MonitoredPrefixes config;
    private final EventDetector detector;
    private ProcessorContext<String, BgpEvent> context;
    private KeyValueStore<String, RouteEntry> routes;
    private KeyValueStore<String, PrefixState> prefixes;
    private KeyValueStore<String, Long> seedStore;
    private Counters counters;

    /** monitored|prefix -> its state: the store's entries, read once at init. */
    private final Map<String, PrefixState> states = new HashMap<>();
    /** The seed counters by store key, read once at init. */
    private final Map<String, Long> seed = new HashMap<>();
    /** Seed counter series per monitored prefix, for the bound. */
    private final Map<String, Integer> seedSeries = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    RouteStateProcessor(MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        this.config = config;
        this.detector = new EventDetector(config.options(), vrps);
        this.byPrefix = config.monitored().stream()
                .collect(Collectors.toMap(p -> p.prefix().toString(), Function.identity()));
    }

    @Override
    public void init(ProcessorContext<String, BgpEvent> context) {
        this.context = context;
        this.routes = context.getStateStore(BgpNames.STORE_ROUTES);
        this.prefixes = context.getStateStore(BgpNames.STORE_PREFIXES);
        this.seedStore = context.getStateStore(BgpNames.STORE_SEED);
        this.counters = new Counters(context.getStateStore(BgpNames.STORE_STATE_COUNTERS));
        states.clear();
        seed.clear();
        seedSeries.clear();
        try (KeyValueIterator<String, PrefixState> it = prefixes.all()) {
            it.forEachRemaining(kv -> states.put(kv.key, kv.value));
        }
        try (KeyValueIterator<String, Long> it = seedStore.all()) {
            it.forEachRemaining(kv -> {
                seed.put(kv.key, kv.value);
                String mp = BgpKeys.seedMonitored(kv.key);
                if (mp != null) {
                    seedSeries.merge(mp, 1, Integer::sum);
                }
            });
        }
    }

    @Override
    public void process(Record<String, BgpUpdate> record) {
        try {
            apply(record);
        } catch (StreamsException e) {
            throw e; // a failed write: the production handler's business, not a bad record
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
    }

    private void apply(Record<String, BgpUpdate> record) {
        BgpUpdate u = record.value();
        String mp = record.key();
        MonitoredPrefixes.Prefix monitored = byPrefix.get(mp);
        if (u == null || monitored == null) {
            return; // a record of a prefix removed from the config since it was repartitioned
        }
        // BGP time from the payload; the record timestamp is the same by contract but may be
        // rewritten by a producer that does not set it.
        long t = u.timestampMs() > 0 ? u.timestampMs() : record.timestamp();
        List<String> touched;
        if (u.type() == BgpUpdate.Kind.PEER_DOWN) {
            touched = peerDown(mp, u, t);
        } else if (admit(mp, u.prefix())) {
            touched = List.of(update(mp, monitored, u, t));
        } else {
            touched = List.of();
        }
        for (String prefix : touched) {
            for (BgpEvent e : detector.evaluate(monitored, prefix, state(mp, prefix), t)) {
                context.forward(new Record<>(mp, e, t));
            }
        }
        for (String key : dirty) {
            prefixes.put(key, states.get(key));
        }
        dirty.clear();
    }

    private PrefixState state(String mp, String prefix) {
        String key = BgpKeys.prefixKey(mp, prefix);
        dirty.add(key);
        return states.computeIfAbsent(key, k -> new PrefixState());
    }

    /**
     * True unless the update is of a more-specific not yet tracked while {@code maxMoreSpecifics} are
     * already; those are counted per monitored prefix instead, so a flood of more-specifics (a
     * de-aggregation leak) cannot grow state or label values without limit.
     */
    private boolean admit(String mp, String prefix) {
        if (prefix.equals(mp)) {
            return true;
        }
        PrefixState known = states.get(BgpKeys.prefixKey(mp, prefix));
        if (known != null && known.reporting > 0) {
            return true;
        }
        PrefixState own = state(mp, mp);
        if (own.moreSpecifics >= config.options().maxMoreSpecifics()) {
            own.moreSpecificsOverflow++;
            return false;
        }
        own.moreSpecifics++;
        return true;
    }

    private String update(String mp, MonitoredPrefixes.Prefix monitored, BgpUpdate u, long t) {
        String prefix = u.prefix();
        String key = BgpKeys.route(mp, prefix, BgpKeys.peer(u));
        RouteEntry old = routes.get(key);
        RouteEntry now;
        PrefixState st = state(mp, prefix);
        if (u.type() == BgpUpdate.Kind.ANNOUNCE) {
            String origin = BgpKeys.originKey(u);
            boolean expected = BgpKeys.expectedOrigin(monitored, origin);
            now = new RouteEntry(true, u.peerIp(), u.peerAsn(), u.collector(), u.project(), origin, u.asPath(),
                    expected ? BgpKeys.upstream(u) : null, t);
            countSeed(mp, BgpKeys.seedAnnouncement(mp, prefix, u.peerAsn(), origin, u.project()));
            st.announcements++;
        } else {
            now = new RouteEntry(false, u.peerIp(), u.peerAsn(), u.collector(), u.project(), null, null, null, t);
            countSeed(mp, BgpKeys.seedWithdrawal(mp, prefix, u.peerAsn(), u.project()));
            st.withdrawals++;
        }
        String lastKey = BgpKeys.seedLastEvent(u.project());
        Long last = seed.get(lastKey);
        if (last == null || last < t) {
            seed.put(lastKey, t);
            seedStore.put(lastKey, t);
        }
        routes.put(key, now);
        recount(st, old, now);
        if (prefix.equals(mp)) {
            st.maxExpectedVisible = Math.max(st.maxExpectedVisible, st.expectedVisible(monitored));
        }
        return prefix;
    }

    private void countSeed(String mp, String key) {
        Long n = seed.get(key);
        if (n == null) {
            int series = seedSeries.getOrDefault(mp, 0);
            if (series >= MAX_SEED_SERIES) {
                counters.increment(Counters.overflowKey(OVERFLOW_FAMILY));
                return;
            }
            seedSeries.put(mp, series + 1);
        }
        long v = n == null ? 1 : n + 1;
        seed.put(key, v);
        seedStore.put(key, v);
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
            recount(state(mp, prefix), kv.value, now);
            touched.add(prefix);
        }
        return List.copyOf(touched);
    }

    /** Moves the prefix's counts from the old route of a peer to its new one. */
    private static void recount(PrefixState st, RouteEntry old, RouteEntry now) {
        if (old == null) {
            st.reporting++;
        } else if (old.announced()) {
            st.visible = Math.max(0, st.visible - 1);
            PrefixState.add(st.origins, old.originKey(), -1);
            if (old.upstreamAsn() != null) {
                PrefixState.add(st.upstreams, old.upstreamAsn(), -1);
            }
        }
        if (now.announced()) {
            st.visible++;
            PrefixState.add(st.origins, now.originKey(), 1);
            if (now.upstreamAsn() != null) {
                PrefixState.add(st.upstreams, now.upstreamAsn(), 1);
            }
            st.maxVisible = Math.max(st.maxVisible, st.visible);
        }
    }
}

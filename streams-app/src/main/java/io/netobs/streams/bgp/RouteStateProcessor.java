package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies one update (key = monitored prefix) to the route table and the prefix's state, then lets
 * {@link EventDetector} open or close events of the prefix it touched. The route table, the prefixes'
 * state (counts and open events) and the seed counters are held in memory, read from their stores once
 * at init, and every change is handed to a write-back store as an object: nothing is read back or
 * decoded per update, and each changed entry is encoded and written to its changelogged store once per
 * commit, so a restart or rebalance restores them and a commit carries exactly the state of the updates
 * it commits.
 *
 * <p>Label values are bounded: more-specifics by {@code maxMoreSpecifics} per monitored prefix, origins
 * and upstreams by the peers that announce a prefix now, and the seed's cumulative counters by
 * {@link #MAX_SEED_SERIES} (peer, origin, project) combinations per monitored prefix; updates beyond
 * are still applied to the route table and counted in {@code netobs_label_overflow_total{family="bgp"}}.
 */
final class RouteStateProcessor implements Processor<String, BgpUpdate, String, BgpEvent> {
    static final int MAX_SEED_SERIES = 4096;
    static final String OVERFLOW_FAMILY = "bgp";

    private final Map<String, MonitoredPrefixes.Prefix> byPrefix;
    private final MonitoredPrefixes config;
    private final EventDetector detector;
    private ProcessorContext<String, BgpEvent> context;
    private KeyValueStore<String, RouteEntry> routes;
    private KeyValueStore<String, PrefixState> prefixes;
    private KeyValueStore<String, Long> seedStore;
    private Counters counters;

    /** Monitored prefix -> (route key -> the peer's route): the route store's entries, read once at init. */
    private final Map<String, Map<String, RouteEntry>> routeTable = new HashMap<>();
    /** monitored|prefix -> its state: the store's entries, read once at init. */
    private final Map<String, Map<String, PrefixState>> states = new HashMap<>();
    /** Project -> its last-event seed key: built once, not per update. */
    private final Map<String, String> lastEventKeys = new HashMap<>();
    /** The seed counters by store key, read once at init. */
    private final Map<String, Long> seed = new HashMap<>();
    /** Seed counter series per monitored prefix, for the bound. */
    private final Map<String, Integer> seedSeries = new HashMap<>();
    private final Set<PrefixState> dirty = new LinkedHashSet<>();
    /** Prefixes of the current update whose counts changed: the rules must look at them again. */
    private final Set<String> recounted = new java.util.HashSet<>();

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
        routeTable.clear();
        seed.clear();
        seedSeries.clear();
        try (KeyValueIterator<String, RouteEntry> it = routes.all()) {
            it.forEachRemaining(kv -> routeTable.computeIfAbsent(BgpKeys.split(kv.key)[0], m -> new HashMap<>())
                    .put(kv.key, kv.value));
        }
        try (KeyValueIterator<String, PrefixState> it = prefixes.all()) {
            it.forEachRemaining(kv -> {
                int sep = kv.key.indexOf(BgpKeys.SEP); // monitored|prefix
                kv.value.key = kv.key;
                states.computeIfAbsent(kv.key.substring(0, sep), m -> new HashMap<>()).put(kv.key.substring(sep + 1), kv.value);
            });
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
        Map<String, PrefixState> touched; // prefix -> its state, in the order the events are to be judged
        if (u.type() == BgpUpdate.Kind.PEER_DOWN) {
            touched = peerDown(mp, u, t);
        } else if (admit(mp, u.prefix())) {
            touched = Map.of(u.prefix(), update(mp, monitored, u, t));
        } else {
            touched = Map.of();
        }
        for (Map.Entry<String, PrefixState> kv : touched.entrySet()) {
            String prefix = kv.getKey();
            PrefixState st = kv.getValue();
            if (!recounted.contains(prefix) && !detector.stale(st)) {
                continue; // counts, events and VRPs as the rules last saw them: the same answer
            }
            for (BgpEvent e : detector.evaluate(monitored, prefix, st, t)) {
                context.forward(new Record<>(mp, e, t));
            }
        }
        recounted.clear();
        for (PrefixState st : dirty) {
            prefixes.put(st.key, st);
        }
        dirty.clear();
    }

    /** The prefix's state, created when new; marked to be written with this update. */
    private PrefixState state(String mp, String prefix) {
        Map<String, PrefixState> ofMonitored = states.computeIfAbsent(mp, m -> new HashMap<>());
        PrefixState st = ofMonitored.get(prefix);
        if (st == null) {
            st = new PrefixState();
            st.key = BgpKeys.prefixKey(mp, prefix);
            ofMonitored.put(prefix, st);
        }
        dirty.add(st);
        return st;
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
        PrefixState known = states.getOrDefault(mp, Map.of()).get(prefix);
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

    /** Applies an announcement or withdrawal to the route table; returns the prefix's state. */
    private PrefixState update(String mp, MonitoredPrefixes.Prefix monitored, BgpUpdate u, long t) {
        String prefix = u.prefix();
        String key = BgpKeys.route(mp, prefix, BgpKeys.peer(u));
        Map<String, RouteEntry> table = routeTable.computeIfAbsent(mp, m -> new HashMap<>());
        RouteEntry old = table.get(key);
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
        String lastKey = lastEventKeys.computeIfAbsent(u.project(), BgpKeys::seedLastEvent);
        Long last = seed.get(lastKey);
        if (last == null || last < t) {
            seed.put(lastKey, t);
            seedStore.put(lastKey, t);
        }
        table.put(key, now);
        routes.put(key, now);
        if (recount(st, old, now)) {
            recounted.add(prefix);
        }
        if (prefix.equals(mp)) {
            st.maxExpectedVisible = Math.max(st.maxExpectedVisible, st.expectedVisible(monitored));
        }
        return st;
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
    private Map<String, PrefixState> peerDown(String mp, BgpUpdate u, long t) {
        String suffix = BgpKeys.SEP + BgpKeys.peer(u);
        Map<String, RouteEntry> table = routeTable.getOrDefault(mp, Map.of());
        List<Map.Entry<String, RouteEntry>> down = new ArrayList<>();
        for (Map.Entry<String, RouteEntry> kv : table.entrySet()) {
            // An announcement newer than the PEER_DOWN came from a re-established session:
            // PEER_DOWN and updates travel in different input partitions, so order is not given.
            if (kv.getKey().endsWith(suffix) && kv.getValue().announced() && kv.getValue().timestampMs() <= t) {
                down.add(Map.entry(kv.getKey(), kv.getValue()));
            }
        }
        down.sort(Map.Entry.comparingByKey()); // events in the order the store would list them
        Map<String, PrefixState> touched = new LinkedHashMap<>();
        for (Map.Entry<String, RouteEntry> kv : down) {
            String key = kv.getKey();
            RouteEntry old = kv.getValue();
            RouteEntry now = old.withdrawn(t);
            table.put(key, now);
            routes.put(key, now);
            String prefix = BgpKeys.split(key)[1];
            PrefixState st = state(mp, prefix);
            recount(st, old, now);
            recounted.add(prefix);
            touched.put(prefix, st);
        }
        return touched;
    }

    /**
     * Moves the prefix's counts from the old route of a peer to its new one; false when they stay as
     * they were (the same origin and upstream announced again, or a withdrawn route withdrawn again).
     */
    private static boolean recount(PrefixState st, RouteEntry old, RouteEntry now) {
        if (old != null && old.announced() == now.announced() && java.util.Objects.equals(old.originKey(),
                now.originKey()) && java.util.Objects.equals(old.upstreamAsn(), now.upstreamAsn())) {
            return false;
        }
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
        return true;
    }
}

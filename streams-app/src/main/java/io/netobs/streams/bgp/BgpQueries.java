package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.http.PrefixQueries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The BGP state of this instance's partitions, read-only, for /api/bgp and the status page: one view
 * per monitored prefix from its {@link PrefixState} entries (its own and its more-specifics') and the
 * configuration. Every configured prefix is listed; one this instance holds no state for is
 * {@code seen = false}, so the application-wide view keeps the instance that owns it.
 *
 * <p>Closed events are not in the stores (only {@link PrefixState#open} and the per-kind counts of
 * {@link PrefixState#opened}), so the views hold the open events and how many of each kind opened.
 */
public final class BgpQueries implements PrefixQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final LocalStores stores;
    private final MonitoredPrefixes config;
    private final Supplier<VrpSet> vrps;

    /** @param vrps the current VRP set, or null when RPKI is not configured */
    public BgpQueries(LocalStores stores, MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        this.stores = stores;
        this.config = config;
        this.vrps = vrps;
    }

    @Override
    public List<PrefixView> prefixes() {
        Map<String, Map<String, PrefixState>> byMonitored = new HashMap<>();
        try (KeyValueIterator<String, PrefixState> it = store().all()) {
            it.forEachRemaining(kv -> {
                int sep = kv.key.indexOf(BgpKeys.SEP);
                byMonitored.computeIfAbsent(kv.key.substring(0, sep), k -> new TreeMap<>())
                        .put(kv.key.substring(sep + 1), kv.value);
            });
        }
        List<PrefixView> out = new ArrayList<>();
        for (MonitoredPrefixes.Prefix p : config.monitored()) {
            out.add(view(p, byMonitored.getOrDefault(p.prefix().toString(), Map.of())));
        }
        return out;
    }

    @Override
    public Optional<PrefixView> prefix(String monitored) {
        Optional<MonitoredPrefixes.Prefix> p = config.exact(Cidr.parse(monitored)).filter(e -> !e.ignore());
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Map<String, PrefixState> states = new TreeMap<>();
        String scan = BgpKeys.scanMonitored(p.get().prefix().toString());
        try (KeyValueIterator<String, PrefixState> it = store().prefixScan(scan, KEYS)) {
            it.forEachRemaining(kv -> states.put(kv.key.substring(scan.length()), kv.value));
        }
        return Optional.of(view(p.get(), states));
    }

    private ReadOnlyKeyValueStore<String, PrefixState> store() {
        return stores.keyValue(BgpNames.STORE_PREFIXES);
    }

    /** @param states prefix (the monitored one or a more-specific) -> its state, in prefix order */
    private PrefixView view(MonitoredPrefixes.Prefix p, Map<String, PrefixState> states) {
        String mp = p.prefix().toString();
        PrefixState own = states.getOrDefault(mp, new PrefixState());
        Map<String, Long> opened = new LinkedHashMap<>();
        for (BgpEvent.Kind kind : BgpEvent.Kind.values()) {
            opened.put(kind.name(), 0L);
        }
        List<BgpEvent> open = new ArrayList<>();
        List<MoreSpecificView> moreSpecifics = new ArrayList<>();
        states.forEach((prefix, st) -> {
            st.opened.forEach((kind, n) -> opened.merge(kind, n, Long::sum));
            open.addAll(st.open.values());
            if (!prefix.equals(mp) && st.reporting > 0) {
                moreSpecifics.add(new MoreSpecificView(prefix, st.visible, st.reporting, origins(p, st)));
            }
        });
        open.sort(NEWEST_FIRST);
        List<UpstreamView> upstreams = new ArrayList<>();
        own.upstreams.forEach((asn, peers) -> upstreams.add(new UpstreamView(asn, peers,
                p.upstreams().isEmpty() ? null : p.upstreams().contains(asn))));
        return new PrefixView(mp, p.description(), p.group(), p.originAsns().stream().sorted().toList(),
                p.upstreams().stream().sorted().toList(), !states.isEmpty(), own.visible, own.reporting,
                own.maxVisible, own.announcements, own.withdrawals, origins(p, own), upstreams, rpki(p.prefix(), own),
                own.moreSpecifics, own.moreSpecificsOverflow, moreSpecifics, opened, open);
    }

    private static List<OriginView> origins(MonitoredPrefixes.Prefix p, PrefixState st) {
        List<OriginView> out = new ArrayList<>();
        st.origins.forEach((origin, peers) -> out.add(new OriginView(origin, peers,
                BgpKeys.expectedOrigin(p, origin))));
        return out;
    }

    /** Validated now, not when announced, so a VRP reload shows at the next read (as in {@link BgpMetrics}). */
    private Map<String, Long> rpki(Cidr prefix, PrefixState st) {
        VrpSet vrpSet = vrps == null ? null : vrps.get();
        if (vrpSet == null) {
            return null;
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (VrpSet.Status s : VrpSet.Status.values()) {
            out.put(s.label(), 0L);
        }
        st.origins.forEach((origin, peers) ->
                out.merge(vrpSet.validate(prefix, BgpKeys.singleOrigin(origin)).label(), peers, Long::sum));
        return out;
    }
}

package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.Cidr;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The BGP series of this instance, read from its local stores at scrape time: they survive restarts
 * and rebalances (the stores are changelogged) and a prefix's series appear only once it was seen.
 * Every label value is a monitored prefix or a more-specific of one, a peer ASN, an origin, a project
 * or a fixed enum, so the label space is bounded by the configuration and the peers that exist.
 */
public final class BgpMetrics implements MultiCollector {
    /** Where the local stores come from: {@code KafkaStreams#store} in the app, the test driver in tests. */
    public interface StoreSource {
        <V> ReadOnlyKeyValueStore<String, V> store(String name);
    }

    private final StoreSource stores;
    private final Supplier<VrpSet> vrps;

    public BgpMetrics(StoreSource stores, Supplier<VrpSet> vrps) {
        this.stores = stores;
        this.vrps = vrps;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        try {
            seed(out);
            counts(out);
        } catch (InvalidStateStoreException e) {
            // Rebalancing or starting: stores are not queryable; serve nothing rather than half a view.
            return new MetricSnapshots(List.of());
        }
        return new MetricSnapshots(out);
    }

    private void seed(List<MetricSnapshot> out) {
        CounterSnapshot.Builder ann = CounterSnapshot.builder().name("bgp_announcements")
                .help("BGP announcements of monitored prefixes and their more-specifics, by peer AS, origin AS and project");
        CounterSnapshot.Builder wd = CounterSnapshot.builder().name("bgp_withdrawals")
                .help("BGP withdrawals of monitored prefixes and their more-specifics, by peer AS and project");
        GaugeSnapshot.Builder last = GaugeSnapshot.builder().name("bgp_last_event_timestamp_seconds")
                .help("BGP time (Unix seconds) of the last announcement or withdrawal of a monitored prefix, by project");
        int a = 0, w = 0;
        // Every task that saw a project keeps its own "T|project" entry, so this instance can hold several:
        // the family reports the latest of them, one point per project.
        Map<String, Long> lastByProject = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = stores.<Long>store(BgpNames.STORE_SEED).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                // Limits keep a '|' inside the last part (the project) from shifting the others.
                String[] p = kv.key.split("\\|", kv.key.startsWith("A") ? 5 : kv.key.startsWith("W") ? 4 : 2);
                switch (p[0]) {
                    case "A" -> {
                        ann.dataPoint(counter(kv.value, "prefix", p[1], "peer_asn", p[2], "origin_as", p[3], "project", p[4]));
                        a++;
                    }
                    case "W" -> {
                        wd.dataPoint(counter(kv.value, "prefix", p[1], "peer_asn", p[2], "project", p[3]));
                        w++;
                    }
                    case "T" -> lastByProject.merge(p[1], kv.value, Math::max);
                    default -> { }
                }
            }
        }
        addIf(out, a, ann.build());
        addIf(out, w, wd.build());
        lastByProject.forEach((project, ms) -> last.dataPoint(gauge(ms / 1000.0, "project", project)));
        addIf(out, lastByProject.size(), last.build());
    }

    private void counts(List<MetricSnapshot> out) {
        // prefix -> field -> value, sorted for stable output.
        Map<String, Map<String, Long>> byPrefix = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = stores.<Long>store(BgpNames.STORE_COUNTS).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                String[] k = BgpKeys.split(kv.key);
                byPrefix.computeIfAbsent(k[1], x -> new TreeMap<>()).put(k[2], kv.value);
            }
        }
        Map<String, Map<String, Integer>> active = new TreeMap<>();
        try (KeyValueIterator<String, BgpEvent> it = stores.<BgpEvent>store(BgpNames.STORE_OPEN_EVENTS).all()) {
            while (it.hasNext()) {
                BgpEvent e = it.next().value;
                active.computeIfAbsent(e.prefix(), x -> new TreeMap<>()).merge(e.kind().name(), 1, Integer::sum);
            }
        }
        GaugeSnapshot.Builder visible = gaugeFamily("bgp_prefix_visible_peers",
                "Peers currently announcing the prefix (a monitored prefix or a more-specific of one)");
        GaugeSnapshot.Builder reporting = gaugeFamily("bgp_prefix_reporting_peers",
                "Peers that ever reported the prefix (announced or withdrew it)");
        CounterSnapshot.Builder updates = CounterSnapshot.builder().name("netobs_bgp_route_updates")
                .help("Route updates of the prefix, by type (announce or withdraw)");
        GaugeSnapshot.Builder rpki = gaugeFamily("netobs_bgp_rpki_routes",
                "Routes currently announced for the prefix, by RPKI origin validation state (RFC 6811)");
        CounterSnapshot.Builder opened = CounterSnapshot.builder().name("netobs_bgp_events_opened")
                .help("BGP events opened for the prefix, by kind");
        GaugeSnapshot.Builder open = gaugeFamily("netobs_bgp_active_events",
                "BGP events currently open for the prefix, by kind (0 once all are closed)");
        CounterSnapshot.Builder overflow = CounterSnapshot.builder().name("netobs_bgp_more_specifics_overflow")
                .help("Updates of more-specifics of the monitored prefix not tracked because maxMoreSpecifics were already");
        VrpSet vrpSet = vrps == null ? null : vrps.get();
        int n = 0;
        int overflows = 0;
        for (Map.Entry<String, Map<String, Long>> e : byPrefix.entrySet()) {
            String prefix = e.getKey();
            Map<String, Long> f = e.getValue();
            if (f.containsKey(BgpKeys.OVERFLOW)) {
                overflow.dataPoint(counter(f.get(BgpKeys.OVERFLOW), "prefix", prefix));
                overflows++;
            }
            if (!f.containsKey(BgpKeys.REPORTING)) {
                continue;
            }
            n++;
            visible.dataPoint(gauge(f.getOrDefault(BgpKeys.VISIBLE, 0L), "prefix", prefix));
            reporting.dataPoint(gauge(f.get(BgpKeys.REPORTING), "prefix", prefix));
            updates.dataPoint(counter(f.getOrDefault(BgpKeys.ANNOUNCE, 0L), "prefix", prefix, "type", "announce"));
            updates.dataPoint(counter(f.getOrDefault(BgpKeys.WITHDRAW, 0L), "prefix", prefix, "type", "withdraw"));
            if (vrpSet != null) {
                // Validated now, not when announced, so a VRP reload is reflected at the next scrape.
                long[] byStatus = new long[VrpSet.Status.values().length];
                Cidr cidr = Cidr.parse(prefix);
                f.forEach((field, v) -> {
                    if (field.startsWith(BgpKeys.ORIGIN)) {
                        String origin = field.substring(BgpKeys.ORIGIN.length());
                        byStatus[vrpSet.validate(cidr, BgpKeys.singleOrigin(origin)).ordinal()] += v;
                    }
                });
                for (VrpSet.Status s : VrpSet.Status.values()) {
                    rpki.dataPoint(gauge(byStatus[s.ordinal()], "prefix", prefix, "status", s.label()));
                }
            }
            for (Map.Entry<String, Long> field : f.entrySet()) {
                if (field.getKey().startsWith(BgpKeys.OPENED)) {
                    String kind = field.getKey().substring(BgpKeys.OPENED.length());
                    opened.dataPoint(counter(field.getValue(), "prefix", prefix, "kind", kind));
                    open.dataPoint(gauge(active.getOrDefault(prefix, Map.of()).getOrDefault(kind, 0), "prefix", prefix, "kind", kind));
                }
            }
        }
        if (n > 0) {
            out.add(visible.build());
            out.add(reporting.build());
            out.add(updates.build());
            addIf(out, vrpSet == null ? 0 : 1, rpki.build());
        }
        addIf(out, overflows, overflow.build());
        addIf(out, opened.build().getDataPoints().size(), opened.build());
        addIf(out, open.build().getDataPoints().size(), open.build());
    }

    private static GaugeSnapshot.Builder gaugeFamily(String name, String help) {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static CounterSnapshot.CounterDataPointSnapshot counter(double v, String... labels) {
        return CounterSnapshot.CounterDataPointSnapshot.builder().value(v).labels(Labels.of(labels)).build();
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot gauge(double v, String... labels) {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().value(v).labels(Labels.of(labels)).build();
    }

    private static void addIf(List<MetricSnapshot> out, int points, MetricSnapshot s) {
        if (points > 0) {
            out.add(s);
        }
    }
}

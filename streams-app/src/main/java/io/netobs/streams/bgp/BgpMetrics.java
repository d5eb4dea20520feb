package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.Cidr;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.metrics.MetricFamilies;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * The BGP series of this instance, read from its local stores at scrape time: they survive restarts
 * and rebalances (the stores are changelogged) and a prefix's series appear only once it was seen.
 * Every label value is a monitored prefix or a more-specific of one, a peer ASN, an origin, a project
 * or a fixed enum, so the label space is bounded by the configuration and the peers that exist.
 * Event counts are exported from 0 for every kind once a prefix exists, so the first event of a kind
 * is an increase Prometheus sees.
 */
public final class BgpMetrics implements MultiCollector {
    static final String ANNOUNCEMENTS = "bgp_announcements";
    static final String WITHDRAWALS = "bgp_withdrawals";
    static final String LAST_EVENT = "bgp_last_event_timestamp_seconds";
    static final String VISIBLE = "bgp_prefix_visible_peers";
    static final String EXPECTED_VISIBLE = "netobs_bgp_prefix_expected_visible_peers";
    static final String REPORTING = "bgp_prefix_reporting_peers";
    static final String UPDATES = "netobs_bgp_route_updates";
    static final String RPKI = "netobs_bgp_rpki_routes";
    static final String OPENED = "netobs_bgp_events_opened";
    static final String ACTIVE = "netobs_bgp_active_events";
    static final String MORE_SPECIFICS_OVERFLOW = "netobs_bgp_more_specifics_overflow";

    /** Every severity each kind of event can have, so each (kind, severity) series exists from 0. */
    static final Map<BgpEvent.Kind, List<String>> SEVERITIES = severities();

    private final LocalStores stores;
    private final Supplier<VrpSet> vrps;
    private final Map<String, MonitoredPrefixes.Prefix> monitored = new TreeMap<>();

    public BgpMetrics(LocalStores stores, Supplier<VrpSet> vrps, MonitoredPrefixes config) {
        this.stores = stores;
        this.vrps = vrps;
        config.monitored().forEach(p -> monitored.put(p.prefix().toString(), p));
    }

    private static Map<BgpEvent.Kind, List<String>> severities() {
        Map<BgpEvent.Kind, List<String>> m = new EnumMap<>(BgpEvent.Kind.class);
        m.put(BgpEvent.Kind.ORIGIN_HIJACK, List.of("critical", "warning"));
        m.put(BgpEvent.Kind.MORE_SPECIFIC, List.of("warning"));
        m.put(BgpEvent.Kind.VISIBILITY_LOST, List.of("critical", "warning"));
        m.put(BgpEvent.Kind.NEW_UPSTREAM, List.of("warning"));
        m.put(BgpEvent.Kind.RPKI_INVALID, List.of("critical", "warning"));
        m.put(BgpEvent.Kind.SQUATTING, List.of("critical"));
        return m;
    }

    @Override
    public MetricSnapshots collect() {
        MetricFamilies f = new MetricFamilies()
                .counter(ANNOUNCEMENTS, "BGP announcements of monitored prefixes and their more-specifics, by peer AS, origin AS and project")
                .counter(WITHDRAWALS, "BGP withdrawals of monitored prefixes and their more-specifics, by peer AS and project")
                .gauge(LAST_EVENT, "BGP time (Unix seconds) of the last announcement or withdrawal of a monitored prefix, by project")
                .gauge(VISIBLE, "Peers currently announcing the prefix (a monitored prefix or a more-specific of one)")
                .gauge(EXPECTED_VISIBLE, "Peers currently announcing the prefix from an origin its configuration expects (what VISIBILITY_LOST compares)")
                .gauge(REPORTING, "Peers that ever reported the prefix (announced or withdrew it)")
                .counter(UPDATES, "Route updates of the prefix, by type (announce or withdraw)")
                .gauge(RPKI, "Routes currently announced for the prefix, by RPKI origin validation state (RFC 6811)")
                .counter(OPENED, "BGP events opened for the prefix, by kind")
                .gauge(ACTIVE, "BGP events currently open for the prefix, by kind and severity (0 once all are closed)")
                .counter(MORE_SPECIFICS_OVERFLOW, "Updates of more-specifics of the monitored prefix not tracked because maxMoreSpecifics were already");
        try {
            seed(f);
            prefixes(f);
        } catch (InvalidStateStoreException e) {
            // Rebalancing or starting: stores are not queryable; serve nothing rather than half a view.
            return new MetricSnapshots();
        }
        return f.build();
    }

    private void seed(MetricFamilies f) {
        // Every task that saw a project keeps its own last-event entry, so this instance can hold
        // several: the family reports the latest of them, one point per project.
        Map<String, Long> lastByProject = new TreeMap<>();
        try (KeyValueIterator<String, Long> it = stores.<Long>keyValue(BgpNames.STORE_SEED).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                if (BgpKeys.seedMonitored(kv.key) == null) {
                    lastByProject.merge(kv.key.substring(BgpKeys.LAST_EVENT.length() + 1), kv.value, Math::max);
                    continue;
                }
                // Limits keep a '|' inside the last part (the project) from shifting the others.
                boolean announcement = kv.key.charAt(kv.key.indexOf(BgpKeys.SEP) + 1) == 'A';
                String[] p = kv.key.split("\\|", announcement ? 6 : 5);
                if (announcement) {
                    f.add(ANNOUNCEMENTS, kv.value, "prefix", p[2], "peer_asn", p[3], "origin_as", p[4], "project", p[5]);
                } else {
                    f.add(WITHDRAWALS, kv.value, "prefix", p[2], "peer_asn", p[3], "project", p[4]);
                }
            }
        }
        lastByProject.forEach((project, ms) -> f.add(LAST_EVENT, ms / 1000.0, "project", project));
    }

    private void prefixes(MetricFamilies f) {
        // prefix -> state; a prefix is owned by one task, so there is one entry per prefix.
        Map<String, PrefixState> byPrefix = new TreeMap<>();
        Map<String, MonitoredPrefixes.Prefix> configOf = new HashMap<>();
        Map<String, Long> overflowByMonitored = new HashMap<>();
        try (KeyValueIterator<String, PrefixState> it = stores.<PrefixState>keyValue(BgpNames.STORE_PREFIXES).all()) {
            while (it.hasNext()) {
                var kv = it.next();
                int sep = kv.key.indexOf(BgpKeys.SEP);
                String prefix = kv.key.substring(sep + 1);
                byPrefix.put(prefix, kv.value);
                MonitoredPrefixes.Prefix config = monitored.get(kv.key.substring(0, sep));
                if (config != null) {
                    configOf.put(prefix, config);
                }
                if (kv.value.moreSpecificsOverflow > 0) {
                    overflowByMonitored.put(prefix, kv.value.moreSpecificsOverflow);
                }
            }
        }
        VrpSet vrpSet = vrps == null ? null : vrps.get();
        // Event series from 0 for every monitored prefix of the configuration, seen or not, on every
        // instance (an instance that does not own a prefix keeps it at 0; Prometheus sums them), so the
        // first event of a prefix is an increase from 0.
        for (String prefix : monitored.keySet()) {
            if (!byPrefix.containsKey(prefix) || byPrefix.get(prefix).reporting == 0) {
                events(f, prefix, null);
            }
        }
        byPrefix.forEach((prefix, st) -> {
            if (st.reporting == 0) {
                return;
            }
            f.add(VISIBLE, st.visible, "prefix", prefix);
            MonitoredPrefixes.Prefix config = configOf.get(prefix);
            if (config != null) {
                // Of the configuration now, so an edited asn shows at the next scrape (a removed prefix has none).
                f.add(EXPECTED_VISIBLE, st.expectedVisible(config), "prefix", prefix);
            }
            f.add(REPORTING, st.reporting, "prefix", prefix);
            f.add(UPDATES, st.announcements, "prefix", prefix, "type", "announce");
            f.add(UPDATES, st.withdrawals, "prefix", prefix, "type", "withdraw");
            if (vrpSet != null) {
                // Validated now, not when announced, so a VRP reload is reflected at the next scrape.
                long[] byStatus = new long[VrpSet.Status.values().length];
                Cidr cidr = Cidr.parse(prefix);
                st.origins.forEach((origin, peers) ->
                        byStatus[vrpSet.validate(cidr, BgpKeys.singleOrigin(origin)).ordinal()] += peers);
                for (VrpSet.Status s : VrpSet.Status.values()) {
                    f.add(RPKI, byStatus[s.ordinal()], "prefix", prefix, "status", s.label());
                }
            }
            events(f, prefix, st);
        });
        overflowByMonitored.forEach((prefix, n) -> f.add(MORE_SPECIFICS_OVERFLOW, n, "prefix", prefix));
    }

    /** The opened and active event series of a prefix, every kind and severity from 0. */
    private static void events(MetricFamilies f, String prefix, PrefixState st) {
        Map<String, Integer> active = new HashMap<>();
        if (st != null) {
            st.open.values().forEach(e -> active.merge(e.kind().name() + '|' + e.severity(), 1, Integer::sum));
        }
        for (BgpEvent.Kind kind : BgpEvent.Kind.values()) {
            f.add(OPENED, st == null ? 0 : st.opened.getOrDefault(kind.name(), 0L), "prefix", prefix, "kind", kind.name());
            for (String severity : SEVERITIES.get(kind)) {
                f.add(ACTIVE, active.getOrDefault(kind.name() + '|' + severity, 0), "prefix", prefix, "kind", kind.name(),
                        "severity", severity);
            }
        }
    }
}

package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides, after a prefix's routes changed, which events of that prefix should be open, and writes
 * the OPEN and CLOSED records. The open-events store is the memory of what was already reported:
 * an event open there is never re-emitted (repeat suppression), and its CLOSED record reuses the
 * OPEN record's id, opening time and severity.
 *
 * <p>Semantics follow BGPalerter's monitors: a route of the monitored prefix or a more-specific whose
 * origin is not expected is an ORIGIN_HIJACK (monitorHijack; exact-prefix or sub-prefix hijack in
 * ARTEMIS' terms); a more-specific announced by an expected origin is MORE_SPECIFIC (monitorNewPrefix),
 * so a more-specific by a wrong origin is reported once, as the critical hijack, not twice.
 * "Carried by" thresholds open at {@code minPeers} distinct peers and close only at zero, so an event
 * does not flap around the threshold.
 */
final class EventDetector {
    private static final StringSerializer KEYS = new StringSerializer();

    private final MonitoredPrefixes.Options options;
    private final KeyValueStore<String, Long> counts;
    private final KeyValueStore<String, BgpEvent> open;
    private final Supplier<VrpSet> vrps;

    EventDetector(MonitoredPrefixes.Options options, KeyValueStore<String, Long> counts,
                  KeyValueStore<String, BgpEvent> open, Supplier<VrpSet> vrps) {
        this.options = options;
        this.counts = counts;
        this.open = open;
        this.vrps = vrps;
    }

    /** What the current state asks for: open it when {@code start}, keep it open while {@code hold}. */
    private record Wanted(BgpEvent event, boolean start, boolean hold) {
    }

    List<BgpEvent> evaluate(MonitoredPrefixes.Prefix monitored, String prefix, long t) {
        String mp = monitored.prefix().toString();
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        int n = options.minPeers();
        VrpSet vrpSet = vrps == null ? null : vrps.get();
        Cidr cidr = Cidr.parse(prefix);
        long expectedPeers = 0;
        Set<Long> expectedSeenSet = new TreeSet<>();
        for (Map.Entry<String, Long> o : scan(mp, prefix, BgpKeys.ORIGIN).entrySet()) {
            List<Long> origins = BgpKeys.origins(o.getKey());
            long peers = o.getValue();
            boolean expected = origins.stream().anyMatch(monitored::expectsOrigin);
            VrpSet.Status rpki = vrpSet == null ? null : vrpSet.validate(cidr, BgpKeys.singleOrigin(o.getKey()));
            String rpkiLabel = rpki == null ? null : rpki.label();
            if (expected) {
                expectedPeers += peers;
                expectedSeenSet.addAll(origins.stream().filter(monitored::expectsOrigin).toList());
            } else {
                String how = prefix.equals(mp) ? "exact-prefix" : "sub-prefix";
                put(wanted, event(Kind.ORIGIN_HIJACK, prefix, "AS" + o.getKey(), monitored,
                        rpki == VrpSet.Status.VALID ? "warning" : "critical", origins, null, rpkiLabel, peers, t,
                        how + " hijack: origin AS" + o.getKey() + " is not among the expected "
                                + monitored.originAsns() + (rpkiLabel == null ? "" : ", RPKI " + rpkiLabel)),
                        peers >= n, peers > 0);
            }
            if (rpki == VrpSet.Status.INVALID) {
                put(wanted, event(Kind.RPKI_INVALID, prefix, "AS" + o.getKey(), monitored,
                        expected ? "critical" : "warning", origins, null, rpkiLabel, peers, t,
                        "route " + prefix + " from AS" + o.getKey() + " is RPKI invalid"), peers >= n, peers > 0);
            }
        }
        List<Long> expectedSeen = List.copyOf(expectedSeenSet);
        if (!prefix.equals(mp)) {
            put(wanted, event(Kind.MORE_SPECIFIC, prefix, null, monitored, "warning", expectedSeen, null, null,
                    expectedPeers, t, "more-specific " + prefix + " of " + mp + " announced by an expected origin"),
                    expectedPeers >= n, expectedPeers > 0);
        }
        if (!monitored.upstreams().isEmpty()) {
            for (Map.Entry<String, Long> u : scan(mp, prefix, BgpKeys.UPSTREAM).entrySet()) {
                long asn = Long.parseLong(u.getKey());
                if (!monitored.upstreams().contains(asn)) {
                    long peers = u.getValue();
                    put(wanted, event(Kind.NEW_UPSTREAM, prefix, "AS" + asn, monitored, "warning", expectedSeen, asn,
                            null, peers, t, "AS" + asn + " is not an allowed upstream " + monitored.upstreams()),
                            peers >= n, peers > 0);
                }
            }
        }
        if (prefix.equals(mp)) {
            long visible = get(BgpKeys.count(mp, prefix, BgpKeys.VISIBLE));
            long max = get(BgpKeys.count(mp, prefix, BgpKeys.MAX_VISIBLE));
            boolean lost = max > 0 && ((options.visibilityMinPeers() > 0 && visible < options.visibilityMinPeers())
                    || (options.visibilityMinFraction() > 0 && visible < options.visibilityMinFraction() * max));
            put(wanted, event(Kind.VISIBILITY_LOST, prefix, null, monitored, visible == 0 ? "critical" : "warning",
                    expectedSeen, null, null, visible, t,
                    "visible from " + visible + " peers, at most " + max + " seen"), lost, lost);
        }
        return reconcile(mp, prefix, wanted, t);
    }

    private List<BgpEvent> reconcile(String mp, String prefix, Map<String, Wanted> wanted, long t) {
        List<BgpEvent> out = new ArrayList<>();
        Map<String, BgpEvent> current = new LinkedHashMap<>();
        try (KeyValueIterator<String, BgpEvent> it = open.prefixScan(BgpKeys.scanMonitored(mp), KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, BgpEvent> kv = it.next();
                if (kv.value.prefix().equals(prefix)) {
                    current.put(kv.value.id(), kv.value);
                }
            }
        }
        for (BgpEvent was : current.values()) {
            Wanted w = wanted.get(was.id());
            if (w == null || !w.hold()) {
                open.delete(mp + BgpKeys.SEP + was.id());
                out.add(closed(was, w == null ? 0 : w.event().peers(), t));
            }
        }
        for (Wanted w : wanted.values()) {
            if (w.start() && !current.containsKey(w.event().id())) {
                open.put(mp + BgpKeys.SEP + w.event().id(), w.event());
                RouteStateProcessor.add(BgpKeys.count(mp, prefix, BgpKeys.OPENED + w.event().kind()), 1, counts);
                out.add(w.event());
            }
        }
        return out;
    }

    private static BgpEvent closed(BgpEvent was, int peers, long t) {
        String why = was.kind() == Kind.VISIBILITY_LOST
                ? "visible again from " + peers + " peers"
                : "resolved: carried by " + peers + " peers";
        return new BgpEvent(BgpEvent.SCHEMA_VERSION, was.id(), was.kind(), BgpEvent.State.CLOSED, was.prefix(),
                was.monitoredPrefix(), was.group(), was.severity(), was.originAsns(), was.expectedOriginAsns(),
                was.upstreamAsn(), was.rpkiStatus(), peers, was.openedAtMs(), t, why);
    }

    private static BgpEvent event(Kind kind, String prefix, String detail, MonitoredPrefixes.Prefix monitored,
                                  String severity, List<Long> origins, Long upstream, String rpki, long peers,
                                  long t, String text) {
        String id = kind + "|" + prefix + (detail == null ? "" : "|" + detail);
        return new BgpEvent(BgpEvent.SCHEMA_VERSION, id, kind, BgpEvent.State.OPEN, prefix,
                monitored.prefix().toString(), monitored.group(), severity, List.copyOf(origins),
                monitored.originAsns().stream().sorted().toList(), upstream, rpki, (int) peers, t, null, text);
    }

    private static void put(Map<String, Wanted> wanted, BgpEvent e, boolean start, boolean hold) {
        wanted.put(e.id(), new Wanted(e, start, hold));
    }

    /** Counters "field=detail" of one prefix, by detail. */
    private Map<String, Long> scan(String mp, String prefix, String field) {
        Map<String, Long> out = new LinkedHashMap<>();
        String start = BgpKeys.count(mp, prefix, field);
        try (KeyValueIterator<String, Long> it = counts.prefixScan(start, KEYS)) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                out.put(kv.key.substring(start.length()), kv.value);
            }
        }
        return out;
    }

    private long get(String key) {
        Long v = counts.get(key);
        return v == null ? 0 : v;
    }
}

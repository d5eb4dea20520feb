package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Decides, after a prefix's routes changed, which events of that prefix should be open, and returns
 * the OPEN and CLOSED records. The prefix's {@link PrefixState} holds its open events: an event open
 * there is re-emitted only when its severity changes (same id and opening time, state OPEN, the new
 * severity, peers and detail), and its CLOSED record reuses the latest OPEN record's id, opening time
 * and severity. Only the prefix's own state is read: no store, no scan.
 *
 * <p>Semantics follow BGPalerter's monitors and ARTEMIS' hijack types: a route of the monitored prefix
 * or a more-specific whose origin is not expected is an ORIGIN_HIJACK (monitorHijack; exact-prefix or
 * sub-prefix hijack, type 0), or SQUATTING when no origin may announce the prefix at all (ARTEMIS'
 * squatting); a route by an expected origin of a prefix whose length the key's range operator does not
 * expect is MORE_SPECIFIC (monitorNewPrefix), so a more-specific by a wrong origin is reported once, as
 * the critical hijack, not twice. Visibility counts only routes with an expected origin: a hijacker's
 * routes are the hijack event's business, not a measure of the victim's reach.
 * "Carried by" thresholds open at {@code minPeers} distinct peers and close only at zero, so an event
 * does not flap around the threshold.
 */
final class EventDetector {
    private final MonitoredPrefixes.Options options;
    private final Supplier<VrpSet> vrps;

    EventDetector(MonitoredPrefixes.Options options, Supplier<VrpSet> vrps) {
        this.options = options;
        this.vrps = vrps;
    }

    /** What the current state asks for: open it when {@code start}, keep it open while {@code hold}. */
    private record Wanted(BgpEvent event, boolean start, boolean hold) {
    }

    /** Whether the rules could answer differently than when they last saw {@code st}, its counts unchanged. */
    boolean stale(PrefixState st) {
        return !st.evaluated || st.evaluatedVrps != (vrps == null ? null : vrps.get());
    }

    List<BgpEvent> evaluate(MonitoredPrefixes.Prefix monitored, String prefix, PrefixState st, long t) {
        String mp = monitored.prefix().toString();
        boolean exact = prefix.equals(mp);
        Map<String, Wanted> wanted = new LinkedHashMap<>();
        int n = options.minPeers();
        VrpSet vrpSet = vrps == null ? null : vrps.get();
        st.evaluated = true;
        st.evaluatedVrps = vrpSet;
        Cidr cidr = vrpSet == null ? null : Cidr.parse(prefix);
        long expectedPeers = 0;
        Set<Long> expectedSeenSet = new TreeSet<>();
        for (Map.Entry<String, Long> o : st.origins.entrySet()) {
            List<Long> origins = BgpKeys.origins(o.getKey());
            long peers = o.getValue();
            boolean expected = BgpKeys.expectedOrigin(monitored, o.getKey());
            VrpSet.Status rpki = vrpSet == null ? null : vrpSet.validate(cidr, BgpKeys.singleOrigin(o.getKey()));
            String rpkiLabel = rpki == null ? null : rpki.label();
            String rpkiText = rpkiLabel == null ? "" : ", RPKI " + rpkiLabel;
            if (expected) {
                expectedPeers += peers;
                expectedSeenSet.addAll(monitored.anyOrigin() ? origins
                        : origins.stream().filter(monitored::expectsOrigin).toList());
            } else if (monitored.squatting()) {
                put(wanted, event(Kind.SQUATTING, prefix, "AS" + o.getKey(), monitored, "critical", origins, null,
                        rpkiLabel, peers, t, (exact ? "squatting: " : "squatting on a more-specific: ") + prefix
                                + " announced by AS" + o.getKey() + ", but no AS may announce " + mp + rpkiText),
                        peers >= n, peers > 0);
            } else {
                String how = exact ? "exact-prefix" : "sub-prefix";
                put(wanted, event(Kind.ORIGIN_HIJACK, prefix, "AS" + o.getKey(), monitored,
                        rpki == VrpSet.Status.VALID ? "warning" : "critical", origins, null, rpkiLabel, peers, t,
                        how + " hijack: origin AS" + o.getKey() + " is not among the expected "
                                + monitored.originAsns().stream().sorted().toList() + rpkiText),
                        peers >= n, peers > 0);
            }
            if (rpki == VrpSet.Status.INVALID) {
                put(wanted, event(Kind.RPKI_INVALID, prefix, "AS" + o.getKey(), monitored,
                        expected ? "critical" : "warning", origins, null, rpkiLabel, peers, t,
                        "route " + prefix + " from AS" + o.getKey() + " is RPKI invalid"), peers >= n, peers > 0);
            }
        }
        List<Long> expectedSeen = List.copyOf(expectedSeenSet);
        boolean expectedLength = monitored.expectsLength(BgpKeys.length(prefix));
        if (!exact && !expectedLength) {
            put(wanted, event(Kind.MORE_SPECIFIC, prefix, null, monitored, "warning", expectedSeen, null, null,
                    expectedPeers, t, "more-specific " + prefix + " of " + mp + " announced by an expected origin"
                            + (monitored.operator().isEmpty() ? "" : ", outside the lengths " + monitored.key()
                            + " expects")), expectedPeers >= n, expectedPeers > 0);
        }
        if (!monitored.upstreams().isEmpty()) {
            for (Map.Entry<Long, Long> u : st.upstreams.entrySet()) {
                long asn = u.getKey();
                if (!monitored.upstreams().contains(asn)) {
                    long peers = u.getValue();
                    put(wanted, event(Kind.NEW_UPSTREAM, prefix, "AS" + asn, monitored, "warning", expectedSeen, asn,
                            null, peers, t, "AS" + asn + " is not an allowed upstream "
                                    + monitored.upstreams().stream().sorted().toList()), peers >= n, peers > 0);
                }
            }
        }
        if (exact && expectedLength) {
            long max = st.maxExpectedVisible;
            long visible = expectedPeers;
            boolean lost = max > 0 && ((options.visibilityMinPeers() > 0 && visible < options.visibilityMinPeers())
                    || (options.visibilityMinFraction() > 0 && visible < options.visibilityMinFraction() * max));
            put(wanted, event(Kind.VISIBILITY_LOST, prefix, null, monitored, visible == 0 ? "critical" : "warning",
                    expectedSeen, null, null, visible, t,
                    "visible from " + visible + " peers with an expected origin, at most " + max + " seen"), lost, lost);
        }
        return reconcile(st, wanted, t);
    }

    private static List<BgpEvent> reconcile(PrefixState st, Map<String, Wanted> wanted, long t) {
        List<BgpEvent> out = new ArrayList<>();
        for (Iterator<BgpEvent> it = st.open.values().iterator(); it.hasNext(); ) {
            BgpEvent was = it.next();
            Wanted w = wanted.get(was.id());
            if (w == null || !w.hold()) {
                it.remove();
                out.add(closed(was, w == null ? 0 : w.event().peers(), t));
            }
        }
        for (Wanted w : wanted.values()) {
            BgpEvent was = st.open.get(w.event().id());
            if (was == null && w.start()) {
                st.open.put(w.event().id(), w.event());
                PrefixState.add(st.opened, w.event().kind().name(), 1);
                out.add(w.event());
            } else if (was != null && !was.severity().equals(w.event().severity())) {
                BgpEvent now = changed(was, w.event());
                st.open.put(now.id(), now);
                out.add(now);
            }
        }
        return out;
    }

    /** The open event again, as it is now, opened when it was first opened. */
    private static BgpEvent changed(BgpEvent was, BgpEvent now) {
        return new BgpEvent(now.schemaVersion(), now.id(), now.kind(), BgpEvent.State.OPEN, now.prefix(),
                now.monitoredPrefix(), now.group(), now.severity(), now.originAsns(), now.expectedOriginAsns(),
                now.upstreamAsn(), now.rpkiStatus(), now.peers(), was.openedAtMs(), null,
                "severity " + was.severity() + " -> " + now.severity() + ": " + now.detail());
    }

    private static BgpEvent closed(BgpEvent was, int peers, long t) {
        String why = was.kind() == Kind.VISIBILITY_LOST
                ? "visible again from " + peers + " peers"
                : "resolved: carried by " + peers + " peers";
        return new BgpEvent(BgpEvent.SCHEMA_VERSION, was.id(), was.kind(), BgpEvent.State.CLOSED, was.prefix(),
                was.monitoredPrefix(), was.group(), was.severity(), was.originAsns(), was.expectedOriginAsns(),
                was.upstreamAsn(), was.rpkiStatus(), peers, was.openedAtMs(), t, why);
    }

    /** The expected origins as events carry them: empty when none may announce, null when any may. */
    private static List<Long> expectedOrigins(MonitoredPrefixes.Prefix monitored) {
        return monitored.anyOrigin() ? null : monitored.originAsns().stream().sorted().toList();
    }

    private static BgpEvent event(Kind kind, String prefix, String detail, MonitoredPrefixes.Prefix monitored,
                                  String severity, List<Long> origins, Long upstream, String rpki, long peers,
                                  long t, String text) {
        String id = kind + "|" + prefix + (detail == null ? "" : "|" + detail);
        return new BgpEvent(BgpEvent.SCHEMA_VERSION, id, kind, BgpEvent.State.OPEN, prefix,
                monitored.prefix().toString(), monitored.group(), severity, List.copyOf(origins),
                expectedOrigins(monitored), upstream, rpki, (int) peers, t, null, text);
    }

    private static void put(Map<String, Wanted> wanted, BgpEvent e, boolean start, boolean hold) {
        wanted.put(e.id(), new Wanted(e, start, hold));
    }
}

package io.netobs.infra.alerting;

import io.netobs.schema.BgpEvent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Says why a firing alert fires, or that nothing in the pipeline's input explains it. A BGP route alert is explained
 * by an event of its kind for its prefix that is open on bgp-events (or closed so recently that Prometheus has not
 * evaluated it since), and only with the event's own severity (or the one it had until a re-emission that recent). A canary alert is explained only for a target the
 * pipeline fixture makes fail on purpose. Everything else is unexplained.
 */
final class AlertExplainer {
    /** How long after an event closed its alert may still be firing: a scrape plus an evaluation, with margin. */
    static final long CLOSE_LAG_MS = 10_000;
    private static final Map<String, BgpEvent.Kind> KIND_OF_ALERT = Map.of(
            "NetobsBgpOriginHijack", BgpEvent.Kind.ORIGIN_HIJACK,
            "NetobsBgpMoreSpecific", BgpEvent.Kind.MORE_SPECIFIC,
            "NetobsBgpVisibilityLost", BgpEvent.Kind.VISIBILITY_LOST,
            "NetobsBgpRpkiInvalid", BgpEvent.Kind.RPKI_INVALID,
            "NetobsBgpNewUpstream", BgpEvent.Kind.NEW_UPSTREAM,
            "NetobsBgpSquatting", BgpEvent.Kind.SQUATTING);
    private static final List<String> CANARY_TARGET_ALERTS = List.of("NetobsTargetDown", "NetobsTargetDegradedFromPop");

    /** An explanation, or an empty one with {@code problem} saying what is wrong. */
    record Verdict(String explanation, String problem) {
        boolean explained() {
            return problem == null;
        }
    }

    private final Collection<String> failingTargets;

    AlertExplainer(Collection<String> failingTargets) {
        this.failingTargets = failingTargets;
    }

    static boolean isBgpRouteAlert(String alertname) {
        return KIND_OF_ALERT.containsKey(alertname);
    }

    /**
     * @param events   the latest record of every event id on bgp-events
     * @param replaced open records that a re-emission with another severity replaced within {@link #CLOSE_LAG_MS}:
     *                 their alert may still fire with the old severity until Prometheus scrapes and evaluates again
     */
    Verdict explain(PrometheusApi.Alert alert, Collection<BgpEvent> events, Collection<BgpEvent> replaced, long nowMs) {
        BgpEvent.Kind kind = KIND_OF_ALERT.get(alert.name());
        if (kind != null) {
            String prefix = alert.labels().get("prefix");
            Optional<BgpEvent> event = Stream.concat(events.stream(), replaced.stream())
                    .filter(e -> e.kind() == kind && e.prefix().equals(prefix))
                    .filter(e -> e.state() == BgpEvent.State.OPEN || e.closedAtMs() != null && e.closedAtMs() >= nowMs - CLOSE_LAG_MS)
                    .filter(e -> e.severity().equals(alert.labels().get("severity")))
                    .findFirst();
            if (event.isPresent()) {
                return new Verdict("bgp-events " + event.get().id() + " (" + event.get().severity() + ", " + event.get().detail() + ")", null);
            }
            List<String> sameKind = Stream.concat(events.stream(), replaced.stream()).filter(e -> e.kind() == kind && e.prefix().equals(prefix))
                    .map(e -> e.id() + " " + e.state() + " " + e.severity()).toList();
            return new Verdict(null, "no open " + kind + " event of severity " + alert.labels().get("severity") + " for "
                    + prefix + " on bgp-events (events of that kind and prefix: " + sameKind + ")");
        }
        if (CANARY_TARGET_ALERTS.contains(alert.name()) && failingTargets.contains(alert.labels().get("target"))) {
            return new Verdict("the pipeline fixture's deliberately failing target", null);
        }
        return new Verdict(null, "nothing in the offline run explains it");
    }
}

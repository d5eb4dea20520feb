package io.netobs.canary.probe;

import java.util.Optional;

/**
 * One protocol. A probe is built once from its validated options and then run many times, from
 * several scheduler threads at once, each run against one target; it must return by the run's
 * deadline and never throw (every failure is a result with a status and a reason).
 */
public interface Probe {
    /** The result's {@code type}: ping, dns, http, tcp, traceroute. */
    String type();

    /** Runs once. */
    Outcome run(ProbeRun run);

    /** Why a target string cannot be probed (checked at config load), or empty when it can. */
    default Optional<String> checkTarget(String target) {
        return target == null || target.isBlank() ? Optional.of("empty target") : Optional.empty();
    }

    /** Why the probe cannot work on this machine at all (a missing tool), for the start-up log. */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }
}

package io.netobs.streams.http;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.path.PathQueries;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads targets, wherever they live. Throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when the owning store is not
 * queryable yet; the HTTP layer turns that into 503.
 */
public interface TargetQueries {
    /** Every target known to the application, sorted by target. */
    List<TargetView> all();

    /** One target, empty when it has no series. */
    Optional<TargetView> target(String target);

    /** The target's closed windows kept for the retention, oldest first, empty when unknown. */
    Optional<TargetHistory> history(String target);

    /** The current traceroute path of every canary tracing the target; empty when none does. */
    Optional<TargetPaths> paths(String target);

    /** One row per (target, probe type) with its state, problems first ({@link TargetStatus#PROBLEMS_FIRST}). */
    List<TargetStatus> status();

    /** What /api returns for one target: its latest closed windows and the last values of its series. */
    record TargetView(String target, List<CanaryAggregate> windows, List<SeriesView> series) {
    }

    /** The last values of one (type, canary) series, as the status page shows them. */
    record SeriesView(
            String type,
            String canaryId,
            String pop,
            Long lastResultMs,
            String lastStatus,
            String lastError,
            Map<String, Long> statusTotals,
            Double latencyMs,
            Double packetLossPercent,
            Integer httpStatusCode,
            Long httpResponseSizeBytes,
            Integer httpContentMatch,
            Map<String, Double> httpPhasesMs,
            Long certExpiryTimestampSeconds,
            List<String> dnsAnswers,
            String dnsRcode) {
    }

    /** Closed windows of a target, per canary and across canaries, oldest first. */
    record TargetHistory(String target, List<CanaryAggregate> windows) {
    }

    /** What /api/paths returns for one target: the current path of each canary that traces it, by canary id. */
    record TargetPaths(String target, List<PathQueries.CurrentPath> paths) {
    }
}

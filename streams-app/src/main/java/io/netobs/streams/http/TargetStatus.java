package io.netobs.streams.http;

import java.util.Comparator;
import java.util.List;

/**
 * One row of the status page's overview: a (target, probe type) pair, what its latest results and
 * closed windows say, and its {@link State} as {@link StatusRules} decides it. Times are Unix
 * milliseconds; a field is null when there is no data for it yet (no closed window, no latency).
 *
 * @param reasons            why the row is not up, one short sentence each (empty when up)
 * @param canaries           canaries that have a series of this target and probe
 * @param canariesReporting  those whose last result is more recent than {@code silentAfterMs}
 * @param lastResultMs       the newest result of any canary, and its status and error
 * @param windowStartMs      the latest closed window across all canaries, with its availability
 *                           (SUCCESS / results), latency quantiles and mean packet loss
 * @param recentAvailability SUCCESS / results over the closed windows that started in the last hour
 *                           (or since the oldest one the retention keeps), {@code recentResults}
 *                           results in all, the first of those windows starting at {@code recentSinceMs}
 * @param silentAfterMs      a canary with no result for this long is silent
 */
public record TargetStatus(
        String target,
        String type,
        State state,
        List<String> reasons,
        int canaries,
        int canariesReporting,
        Long lastResultMs,
        String lastStatus,
        String lastError,
        Long windowStartMs,
        Long windowEndMs,
        Double availability,
        Double latencyP50Ms,
        Double latencyP99Ms,
        Double packetLossPercent,
        Double recentAvailability,
        long recentResults,
        Long recentSinceMs,
        long silentAfterMs) {

    /** From worst to best: the overview lists rows in this order ("problems first"). */
    public enum State { DOWN, SILENT, DEGRADED, UP }

    /** Problems first, then by target and probe type. */
    public static final Comparator<TargetStatus> PROBLEMS_FIRST = Comparator.comparing(TargetStatus::state)
            .thenComparing(TargetStatus::target).thenComparing(TargetStatus::type);
}

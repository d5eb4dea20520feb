package io.netobs.streams.http;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.Status;
import io.netobs.streams.http.TargetStatus.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The state of one (target, probe type) row, from the data the stores hold: each canary's latest
 * result (series store), the latest closed window across canaries (latest-window store) and the
 * closed windows of the last hour (history store).
 * <ul>
 *   <li><b>silent</b>: no canary has a result newer than {@code silentAfter}, which is three times the
 *       larger of the window size and the usual spacing of the row's closed windows (the median gap
 *       between their starts, so a probe run every 5 minutes is not silent between two runs);</li>
 *   <li><b>down</b>: not silent, and the latest result of every canary still reporting is not
 *       SUCCESS (so a target turns down with its first failed probe, within a window);</li>
 *   <li><b>degraded</b>: neither, but a reporting canary's latest result is not SUCCESS, or a canary
 *       went silent while others report, or the latest closed window (if not older than
 *       {@code silentAfter}) had an availability below 100 % or a packet loss above 0;</li>
 *   <li><b>up</b>: everything else.</li>
 * </ul>
 * A target whose last window failed but whose latest result succeeded is degraded (recovering), not down.
 */
final class StatusRules {
    /** How far back "recent" availability looks (the retention may keep less). */
    static final Duration RECENT = Duration.ofHours(1);
    static final int SILENT_AFTER_GAPS = 3;

    /** A canary's latest result as the series store holds it; {@code lastResultMs} null before any. */
    record CanaryLast(String canaryId, Long lastResultMs, String lastStatus, String lastError) {
    }

    private StatusRules() {
    }

    /**
     * @param latest  the latest closed window across canaries, or null
     * @param recent  the closed windows across canaries that started within {@link #RECENT}, oldest first
     */
    static TargetStatus evaluate(String target, String type, List<CanaryLast> canaries, CanaryAggregate latest,
                                 List<CanaryAggregate> recent, long nowMs, long windowMs) {
        long silentAfter = SILENT_AFTER_GAPS * Math.max(windowMs, medianGap(recent));
        List<String> reasons = new ArrayList<>();
        CanaryLast newest = null;
        int reporting = 0;
        int failing = 0;
        for (CanaryLast c : canaries) {
            if (c.lastResultMs() == null) {
                continue;
            }
            if (newest == null || c.lastResultMs() > newest.lastResultMs()) {
                newest = c;
            }
            if (nowMs - c.lastResultMs() > silentAfter) {
                reasons.add(c.canaryId() + ": no result for " + human(nowMs - c.lastResultMs()));
                continue;
            }
            reporting++;
            if (!Status.SUCCESS.name().equals(c.lastStatus())) {
                failing++;
                reasons.add(c.canaryId() + ": latest result " + c.lastStatus()
                        + (c.lastError() == null ? "" : " (" + c.lastError() + ")"));
            }
        }
        State state;
        if (reporting == 0) {
            state = State.SILENT;
            if (newest == null) {
                reasons.add("no result yet");
            }
        } else if (failing == reporting) {
            state = State.DOWN;
        } else {
            boolean windowCurrent = latest != null && latest.windowEndMs() >= nowMs - silentAfter;
            if (windowCurrent && latest.availability() < 1.0) {
                long ok = latest.statusCounts() == null ? 0 : latest.statusCounts().getOrDefault(Status.SUCCESS.name(), 0L);
                reasons.add(String.format(Locale.ROOT, "latest window: availability %.1f %% (%d of %d results succeeded)",
                        100 * latest.availability(), ok, latest.count()));
            }
            if (windowCurrent && latest.packetLossMeanPercent() != null && latest.packetLossMeanPercent() > 0) {
                reasons.add(String.format(Locale.ROOT, "latest window: packet loss %.1f %%", latest.packetLossMeanPercent()));
            }
            state = reasons.isEmpty() ? State.UP : State.DEGRADED;
        }
        long results = 0;
        long successes = 0;
        for (CanaryAggregate w : recent) {
            results += w.count();
            successes += w.statusCounts() == null ? 0 : w.statusCounts().getOrDefault(Status.SUCCESS.name(), 0L);
        }
        return new TargetStatus(target, type, state, List.copyOf(reasons), canaries.size(), reporting,
                newest == null ? null : newest.lastResultMs(), newest == null ? null : newest.lastStatus(),
                newest == null ? null : newest.lastError(),
                latest == null ? null : latest.windowStartMs(), latest == null ? null : latest.windowEndMs(),
                latest == null ? null : latest.availability(), latest == null ? null : latest.latencyP50Ms(),
                latest == null ? null : latest.latencyP99Ms(), latest == null ? null : latest.packetLossMeanPercent(),
                results == 0 ? null : (double) successes / results, results,
                recent.isEmpty() ? null : recent.get(0).windowStartMs(), silentAfter);
    }

    /** The median gap between consecutive window starts, 0 with fewer than two windows. */
    static long medianGap(List<CanaryAggregate> windows) {
        if (windows.size() < 2) {
            return 0;
        }
        long[] gaps = new long[windows.size() - 1];
        for (int i = 1; i < windows.size(); i++) {
            gaps[i - 1] = windows.get(i).windowStartMs() - windows.get(i - 1).windowStartMs();
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    static String human(long ms) {
        long s = ms / 1000;
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return s / 60 + " min";
        }
        return s / 3600 + " h";
    }
}

package io.netobs.streams.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.http.StatusRules.CanaryLast;
import io.netobs.streams.http.TargetStatus.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overview's states, one rule per test, on one-minute windows and a fixed "now". */
class StatusRulesTest {
    private static final long MIN = 60_000;
    private static final long NOW = 1_800_000_000_000L;

    private static CanaryLast canary(String id, long agoMs, String status) {
        return new CanaryLast(id, NOW - agoMs, status, status.equals("SUCCESS") ? null : "connection refused");
    }

    /** An across-canary window starting {@code agoMin} minutes before now, with these counts. */
    private static CanaryAggregate window(long agoMin, long ok, long failed, Double loss) {
        long start = NOW - agoMin * MIN;
        long n = ok + failed;
        return new CanaryAggregate(1, "t", "http", null, start, start + MIN, n,
                failed == 0 ? Map.of("SUCCESS", ok) : Map.of("SUCCESS", ok, "ERROR", failed),
                n == 0 ? 0 : (double) ok / n, ok, 1.0, 9.0, 5.0, 4.0, 8.0, 9.0, loss, null);
    }

    private static TargetStatus evaluate(List<CanaryLast> canaries, List<CanaryAggregate> recent) {
        CanaryAggregate latest = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        return StatusRules.evaluate("t", "http", canaries, latest, recent, NOW, MIN);
    }

    @Test
    void shouldBeUpWhenEveryCanarySucceedsAndTheLastWindowHadNoFailure() {
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "SUCCESS")), List.of(window(3, 4, 0, null), window(2, 4, 0, null)));
        assertThat(s.state()).isEqualTo(State.UP);
        assertThat(s.reasons()).isEmpty();
        assertThat(s.recentAvailability()).isEqualTo(1.0);
        assertThat(s.recentResults()).isEqualTo(8);
        assertThat(s.recentSinceMs()).isEqualTo(NOW - 3 * MIN);
    }

    @Test
    void shouldBeDownWhenTheLatestResultOfEveryReportingCanaryFailed() {
        // The last closed window was perfect: down follows the latest results, not the window.
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "ERROR"), canary("b", 2_000, "TIMEOUT")),
                List.of(window(2, 4, 0, null)));
        assertThat(s.state()).isEqualTo(State.DOWN);
        assertThat(s.reasons()).containsExactly("a: latest result ERROR (connection refused)",
                "b: latest result TIMEOUT (connection refused)");
        assertThat(s.lastStatus()).isEqualTo("TIMEOUT");
    }

    @Test
    void shouldBeDegradedWhenOneCanaryFailsAndAnotherSucceeds() {
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "ERROR"), canary("b", 2_000, "SUCCESS")),
                List.of(window(2, 4, 0, null)));
        assertThat(s.state()).isEqualTo(State.DEGRADED);
        assertThat(s.reasons()).containsExactly("a: latest result ERROR (connection refused)");
    }

    @Test
    void shouldBeDegradedWhileRecoveringFromAFailedWindow() {
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "SUCCESS")), List.of(window(2, 0, 4, null)));
        assertThat(s.state()).isEqualTo(State.DEGRADED);
        assertThat(s.availability()).isZero();
        assertThat(s.reasons()).containsExactly("latest window: availability 0.0 % (0 of 4 results succeeded)");
    }

    @Test
    void shouldBeDegradedWithPacketLossInTheLatestWindow() {
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "SUCCESS")), List.of(window(2, 4, 0, 20.0)));
        assertThat(s.state()).isEqualTo(State.DEGRADED);
        assertThat(s.reasons()).containsExactly("latest window: packet loss 20.0 %");
    }

    @Test
    void shouldIgnoreALatestWindowOlderThanTheSilenceThreshold() {
        // A failed window from 10 minutes ago says nothing about a target that succeeds every few seconds since.
        TargetStatus s = evaluate(List.of(canary("a", 5_000, "SUCCESS")), List.of(window(10, 0, 4, null)));
        assertThat(s.state()).isEqualTo(State.UP);
    }

    @Test
    void shouldBeSilentWhenNoCanaryReportedForThreeWindows() {
        TargetStatus s = evaluate(List.of(canary("a", 3 * MIN + 1, "SUCCESS")), List.of(window(5, 4, 0, null)));
        assertThat(s.state()).isEqualTo(State.SILENT);
        assertThat(s.silentAfterMs()).isEqualTo(3 * MIN);
        assertThat(s.reasons()).containsExactly("a: no result for 3 min");
        assertThat(evaluate(List.of(canary("a", 3 * MIN, "SUCCESS")), List.of(window(5, 4, 0, null))).state())
                .isEqualTo(State.UP);
    }

    @Test
    void shouldNotCallASparseProbeSilentBetweenTwoRuns() {
        // A probe every 5 minutes: one window in five has results, so silence is judged on 15 minutes.
        List<CanaryAggregate> windows = new ArrayList<>();
        for (long ago = 55; ago >= 5; ago -= 5) {
            windows.add(window(ago, 1, 0, null));
        }
        TargetStatus s = evaluate(List.of(canary("a", 6 * MIN, "SUCCESS")), windows);
        assertThat(s.silentAfterMs()).isEqualTo(15 * MIN);
        assertThat(s.state()).isEqualTo(State.UP);
        assertThat(evaluate(List.of(canary("a", 16 * MIN, "SUCCESS")), windows).state()).isEqualTo(State.SILENT);
    }

    @Test
    void shouldBeDegradedWhenOneCanaryWentSilentWhileAnotherReports() {
        TargetStatus s = evaluate(List.of(canary("a", 10 * MIN, "SUCCESS"), canary("b", 2_000, "SUCCESS")),
                List.of(window(2, 4, 0, null)));
        assertThat(s.state()).isEqualTo(State.DEGRADED);
        assertThat(s.canaries()).isEqualTo(2);
        assertThat(s.canariesReporting()).isEqualTo(1);
        assertThat(s.reasons()).containsExactly("a: no result for 10 min");
    }

    @Test
    void shouldBeSilentWithoutAnyResult() {
        TargetStatus s = evaluate(List.of(new CanaryLast("a", null, null, null)), List.of());
        assertThat(s.state()).isEqualTo(State.SILENT);
        assertThat(s.reasons()).containsExactly("no result yet");
        assertThat(s.recentAvailability()).isNull();
    }

    @Test
    void shouldListProblemsFirst() {
        TargetStatus up = evaluate(List.of(canary("a", 1_000, "SUCCESS")), List.of());
        TargetStatus down = evaluate(List.of(canary("a", 1_000, "ERROR")), List.of());
        TargetStatus silent = evaluate(List.of(canary("a", 10 * MIN, "SUCCESS")), List.of());
        List<TargetStatus> rows = new ArrayList<>(List.of(up, silent, down));
        rows.sort(TargetStatus.PROBLEMS_FIRST);
        assertThat(rows).extracting(TargetStatus::state).containsExactly(State.DOWN, State.SILENT, State.UP);
    }
}

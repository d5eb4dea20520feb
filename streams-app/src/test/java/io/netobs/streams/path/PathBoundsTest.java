package io.netobs.streams.path;

import static io.netobs.streams.path.PathChangeTest.TR;
import static io.netobs.streams.path.PathChangeTest.minute;
import static io.netobs.streams.path.PathDriver.TARGET;
import static io.netobs.streams.path.PathDriver.traceroute;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.DeadLetters;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.PathEvent;
import io.netobs.schema.Status;
import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.state.Counters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** What the path analysis refuses, leaves out, bounds and forgets, and that it goes on after each. */
class PathBoundsTest {
    static CanaryResult trace(String canary, Instant at, List<CanaryResult.Hop> hops) {
        return CanaryResult.builder("traceroute", canary, TARGET, at, Status.SUCCESS).hops(hops)
                .destinationReached(true).build();
    }

    static CanaryResult.Hop hop(int ttl, String address) {
        return new CanaryResult.Hop(ttl, address, List.of(1.0), 0.0);
    }

    @Test
    void shouldDeadLetterAResultItCannotUseAndGoOn() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(trace(TR, minute(2), List.of(hop(1, "192.168.1.1"), hop(2, "x".repeat(300)))));

            TestRecord<byte[], byte[]> dead = d.deadLetters.readRecord();
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                    .startsWith(InvalidRecordException.INVALID_SCHEMA).contains("300 characters");
            assertThat(d.deadLetters(InvalidRecordException.INVALID_SCHEMA)).isEqualTo(1);
            assertThat(d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR)).lastResultMs)
                    .as("the refused result left the series alone").isEqualTo(minute(1).toEpochMilli());

            d.send(traceroute("traceroute-b.txt", TR, minute(3)));
            assertThat(d.events.readValue().state()).as("the next result is analysed").isEqualTo(PathEvent.State.OPEN);
        }
    }

    @Test
    void shouldLeaveOutAResultNotNewerThanTheNewest() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(2)));
            d.send(traceroute("traceroute-b.txt", TR, minute(1)));
            d.send(traceroute("traceroute-b.txt", TR, minute(2)));

            assertThat(d.events.isEmpty()).as("an older or repeated result cannot change the path").isTrue();
            PathRecord rec = d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR));
            assertThat(rec.stale).isEqualTo(2);
            assertThat(rec.current.at(3)).containsExactly("100.64.0.1");
            assertThat(new PathScrape(d).series(PathMetrics.STALE + "_total", TR)).isEqualTo(2.0);
        }
    }

    @Test
    void shouldExpireASeriesAndCloseItsOpenChange() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(traceroute("traceroute-b.txt", TR, minute(2)));
            PathEvent opened = d.events.readValue();

            d.advanceWallClock(Duration.ofMinutes(9));
            assertThat(d.events.isEmpty()).as("within NETOBS_SERIES_EXPIRY (10 min)").isTrue();
            d.advanceWallClock(Duration.ofMinutes(2));

            PathEvent closed = d.events.readValue();
            assertThat(closed.id()).isEqualTo(opened.id());
            assertThat(closed.closeReason()).isEqualTo(PathEvent.CloseReason.EXPIRED);
            assertThat(closed.closedAtMs()).isEqualTo(d.wall().toEpochMilli());
            assertThat(d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR))).isNull();
            assertThat(new PathScrape(d).text).doesNotContain(TARGET);
        }
    }

    @Test
    void shouldRefuseSeriesBeyondNetobsMaxSeries() {
        try (PathDriver d = new PathDriver(Map.of("NETOBS_MAX_SERIES", "1"))) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(traceroute("traceroute-a.txt", "tr-other", minute(1)));
            assertThat(d.paths().get(SeriesKeys.of(TARGET, "traceroute", "tr-other"))).isNull();
            assertThat(d.counter(Counters.overflowKey(PathNames.OVERFLOW_FAMILY))).isEqualTo(1);
        }
    }

    @Test
    void shouldKeepAtMost32HopsAnd8AddressesPerHop() {
        try (PathDriver d = new PathDriver()) {
            List<CanaryResult.Hop> hops = new ArrayList<>();
            for (int ttl = 1; ttl <= 40; ttl++) {
                hops.add(hop(ttl, "10.0.0." + ttl));
            }
            d.send(trace(TR, minute(1), hops));
            PathRecord rec = d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR));
            assertThat(rec.current.length()).isEqualTo(Trace.MAX_HOPS);
            assertThat(rec.current.reached()).as("the destination is beyond the TTLs kept").isFalse();
            assertThat(rec.truncated).isEqualTo(1);

            for (int i = 0; i < 10; i++) { // per-packet load balancing at TTL 2 with 10 branches
                d.send(trace(TR, minute(2 + i), List.of(hop(1, "10.0.0.1"), hop(2, "172.20.0." + i), hop(3, "10.0.0.3"))));
            }
            rec = d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR));
            assertThat(d.events.isEmpty()).isTrue();
            assertThat(rec.current.at(2)).hasSize(Trace.MAX_ADDRESSES).contains("10.0.0.2", "172.20.0.0")
                    .doesNotContain("172.20.0.7", "172.20.0.8", "172.20.0.9");
            assertThat(rec.truncated).as("the 40-hop result and the 3 branches left out").isEqualTo(4);
            assertThat(new PathScrape(d).series(PathMetrics.TRUNCATED + "_total", TR)).isEqualTo(4.0);
        }
    }

    @Test
    void shouldLeaveOtherProbeTypesAndResultsWithoutHopsAlone() {
        try (PathDriver d = new PathDriver()) {
            d.send(CanaryResult.builder("ping", TR, TARGET, minute(1), Status.SUCCESS).rttAvgMs(3.0).build());
            d.send(CanaryResult.builder("traceroute", TR, TARGET, minute(1), Status.ERROR)
                    .errorMessage("traceroute command not found").build());
            assertThat(d.paths().approximateNumEntries()).isZero();
            assertThat(d.deadLetters.isEmpty()).isTrue();
        }
    }
}

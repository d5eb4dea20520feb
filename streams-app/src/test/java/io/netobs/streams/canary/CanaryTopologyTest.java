package io.netobs.streams.canary;

import static io.netobs.streams.canary.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.Status;
import io.netobs.streams.AppConfig;
import io.netobs.streams.NetobsTopology;
import io.netobs.streams.state.Counters;
import io.netobs.streams.canary.state.SeriesState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class CanaryTopologyTest {

    private static Map<String, CanaryAggregate> byKey(List<CanaryAggregate> aggregates) {
        return aggregates.stream().collect(Collectors.toMap(WindowProcessor::aggregateKey, a -> a));
    }

    @Test
    void shouldAggregateKeyedAndUnkeyedInputInTheSameWindow() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.send("t1", Results.ping("c1", "t1", "SUCCESS", 10.0, 0.0, T0.plusSeconds(1)), T0);
            f.send(null, Results.ping("c1", "t1", "SUCCESS", 20.0, 0.0, T0.plusSeconds(2)), T0);
            f.send("zz-clock", Results.ping("clock", "zz-clock", "SUCCESS", 1.0, 0.0, T0.plusSeconds(30)), T0);
            assertThat(f.aggregates.isEmpty()).as("the repartition route may still bring results of [0, 10)").isTrue();
            // the repartition route stays quiet for NETOBS_IDLE_CLOSE_AFTER: it no longer holds the window
            f.advanceWallClock(java.time.Duration.ofSeconds(31));

            Map<String, CanaryAggregate> out = byKey(f.aggregates.readValuesToList());
            CanaryAggregate perCanary = out.get(T0.toEpochMilli() + "|t1|ping|c1");
            assertThat(perCanary.count()).isEqualTo(2);
            assertThat(perCanary.latencyMinMs()).isEqualTo(10.0);
            assertThat(perCanary.latencyMaxMs()).isEqualTo(20.0);
            assertThat(f.series("t1", "ping", "c1").last.statusTotals[Status.SUCCESS.ordinal()])
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldRepartitionOnlyRecordsWhoseKeyIsNotTheirTarget() {
        TopologyDescription d = NetobsTopology.build(AppConfig.fromEnv(Map.of(), java.util.Optional.empty())).describe();
        String text = d.toString();
        assertThat(text).contains(CanaryNames.REPARTITION_BY_TARGET + "-repartition");
        // exactly one repartition topic: the one named here
        assertThat(text.split("-repartition\\)", -1).length - 1)
                .as("sinks into repartition topics").isEqualTo(1);
    }

    @Test
    void shouldEmitAClosedWindowExactlyOnce() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.sendResult("t1", "c1", "SUCCESS", 11.0, T0.plusSeconds(9));
            assertThat(f.aggregates.isEmpty()).as("open window not emitted").isTrue();

            f.advanceTo(T0.plusSeconds(14)); // end 10 s + grace 5 s = 15 s: still open
            assertThat(f.aggregates.isEmpty()).as("window within grace not emitted").isTrue();

            f.advanceTo(T0.plusSeconds(15));
            List<CanaryAggregate> first = f.aggregates.readValuesToList();
            assertThat(first).extracting(CanaryAggregate::target, CanaryAggregate::canaryId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", "c1"),
                            org.assertj.core.groups.Tuple.tuple("t1", null));

            f.advanceTo(T0.plusSeconds(40));
            assertThat(f.aggregates.readValuesToList()).extracting(CanaryAggregate::target)
                    .as("only the clock target's windows, t1's not again").containsOnly("zz-clock");
        }
    }

    @Test
    void shouldCountALateRecordWithinGraceInItsWindow() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.advanceTo(T0.plusSeconds(12));
            f.sendResult("t1", "c1", "FAILURE", 30.0, T0.plusSeconds(5)); // 2 s late, grace 5 s
            f.advanceTo(T0.plusSeconds(16));

            CanaryAggregate a = byKey(f.aggregates.readValuesToList()).get(T0.toEpochMilli() + "|t1|ping|c1");
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.statusCounts()).containsEntry("FAILURE", 1L);
            assertThat(f.counter(Counters.LATE)).isZero();
        }
    }

    @Test
    void shouldCountARecordBeyondGraceAsLateAndKeepItInTheStatusTotal() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.advanceTo(T0.plusSeconds(20));
            f.aggregates.readValuesToList();
            f.sendResult("t1", "c1", "FAILURE", 30.0, T0.plusSeconds(2)); // window [0,10) closed at 15
            f.sendResult("t1", "c1", "FAILURE", 30.0, T0.plusSeconds(3));
            f.advanceTo(T0.plusSeconds(60));

            assertThat(f.counter(Counters.LATE)).isEqualTo(2);
            assertThat(f.aggregates.readValuesToList()).extracting(CanaryAggregate::target).containsOnly("zz-clock");
            assertThat(f.latest("t1", "ping", "c1").count()).isEqualTo(1);
            assertThat(f.latest("t1", "ping", null).count()).isEqualTo(1);
            assertThat(f.series("t1", "ping", "c1").last.statusTotals[Status.FAILURE.ordinal()])
                    .isEqualTo(2);
        }
    }

    @Test
    void shouldMergeSeveralCanariesIntoThePerTargetAggregate() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "lhr", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.sendResult("t1", "lhr", "SUCCESS", 14.0, T0.plusSeconds(2));
            f.sendResult("t1", "nyc", "SUCCESS", 100.0, T0.plusSeconds(1));
            f.sendResult("t1", "nyc", "TIMEOUT", null, T0.plusSeconds(3));
            f.advanceTo(T0.plusSeconds(20));

            Map<String, CanaryAggregate> out = byKey(f.aggregates.readValuesToList());
            CanaryAggregate all = out.get(T0.toEpochMilli() + "|t1|ping");
            assertThat(all.canaryId()).isNull();
            assertThat(all.count()).isEqualTo(4);
            assertThat(all.statusCounts()).containsEntry("SUCCESS", 3L).containsEntry("TIMEOUT", 1L);
            assertThat(all.availability()).isEqualTo(0.75);
            assertThat(all.latencyCount()).isEqualTo(3);
            assertThat(all.latencyMinMs()).isEqualTo(10.0);
            assertThat(all.latencyMaxMs()).isEqualTo(100.0);
            assertThat(all.latencyMeanMs()).isCloseTo(124.0 / 3, within(1e-9));
            // jitter pooled per canary: lhr |14-10| = 4; nyc has one latency, no difference
            assertThat(all.jitterMs()).isEqualTo(4.0);
            assertThat(out.get(T0.toEpochMilli() + "|t1|ping|nyc").availability()).isEqualTo(0.5);
        }
    }

    @Test
    void shouldComputeJitterAsMeanAbsoluteDifferenceOfConsecutiveLatencies() {
        try (TopologyFixture f = new TopologyFixture()) {
            double[] latencies = {10, 13, 11, 20};
            for (int i = 0; i < latencies.length; i++) {
                f.sendResult("t1", "c1", "SUCCESS", latencies[i], T0.plusSeconds(i + 1));
            }
            f.advanceTo(T0.plusSeconds(20));
            CanaryAggregate a = byKey(f.aggregates.readValuesToList()).get(T0.toEpochMilli() + "|t1|ping|c1");
            assertThat(a.jitterMs()).isCloseTo((3 + 2 + 9) / 3.0, within(1e-9));
        }
    }

    @Test
    void shouldAgreeWithExactQuantilesWithinOnePercent() {
        try (TopologyFixture f = new TopologyFixture()) {
            java.util.Random rnd = new java.util.Random(42);
            double[] samples = new double[2000];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = Math.exp(rnd.nextGaussian() * 1.5 + 3); // log-normal, 1 ms .. seconds
                f.sendResult("t1", "c1", "SUCCESS", samples[i], T0.plusMillis(i));
            }
            f.advanceTo(T0.plusSeconds(20));
            CanaryAggregate a = byKey(f.aggregates.readValuesToList()).get(T0.toEpochMilli() + "|t1|ping|c1");
            double[] sorted = samples.clone();
            java.util.Arrays.sort(sorted);
            assertThat(a.latencyP50Ms()).isCloseTo(exact(sorted, 0.5), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(a.latencyP90Ms()).isCloseTo(exact(sorted, 0.9), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(a.latencyP99Ms()).isCloseTo(exact(sorted, 0.99), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(a.latencyMinMs()).isEqualTo(sorted[0]);
            assertThat(a.latencyMaxMs()).isEqualTo(sorted[sorted.length - 1]);
        }
    }

    /** The sample of rank floor(q (n - 1)), the definition the sketch approximates. */
    static double exact(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    @Test
    void shouldStopAdmittingNewSeriesBeyondTheBoundAndCountThem() {
        try (TopologyFixture f = new TopologyFixture(2)) {
            f.sendResult("t1", "c1", "SUCCESS", 1.0, T0.plusSeconds(1));
            f.sendResult("t2", "c1", "SUCCESS", 1.0, T0.plusSeconds(1));
            f.sendResult("t3", "c1", "SUCCESS", 1.0, T0.plusSeconds(1));
            f.sendResult("t3", "c1", "SUCCESS", 1.0, T0.plusSeconds(2));
            f.sendResult("t1", "c1", "SUCCESS", 1.0, T0.plusSeconds(2));

            assertThat(f.series("t3", "ping", "c1")).isNull();
            assertThat(f.counter(Counters.overflowKey("canary"))).isEqualTo(2);
            assertThat(f.series("t1", "ping", "c1").last.statusTotals[0]).isEqualTo(2);
        }
    }

    @Test
    void shouldCloseTheWindowsOfAQuietPartitionByTheWallClock() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.sendResult("t1", "c1", "SUCCESS", 12.0, T0.plusSeconds(2));
            f.advanceWallClock(Duration.ofSeconds(29));
            assertThat(f.aggregates.isEmpty()).as("quiet for less than NETOBS_IDLE_CLOSE_AFTER").isTrue();

            f.advanceWallClock(Duration.ofSeconds(2));
            List<CanaryAggregate> closed = f.aggregates.readValuesToList();
            assertThat(closed).extracting(CanaryAggregate::target, CanaryAggregate::canaryId, CanaryAggregate::count)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", "c1", 2L),
                            org.assertj.core.groups.Tuple.tuple("t1", null, 2L));

            f.advanceWallClock(Duration.ofSeconds(60));
            assertThat(f.aggregates.isEmpty()).as("a window is published once").isTrue();
        }
    }

    @Test
    void shouldCountAResultOfAWindowClosedByTheWallClockAsLate() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.advanceWallClock(Duration.ofSeconds(31));
            assertThat(f.aggregates.readValuesToList()).hasSize(2);

            f.sendResult("t1", "c1", "FAILURE", 30.0, T0.plusSeconds(3));
            f.advanceWallClock(Duration.ofSeconds(60));
            assertThat(f.aggregates.isEmpty()).as("the closed window is not published again").isTrue();
            assertThat(f.counter(Counters.LATE)).isEqualTo(1);
            assertThat(f.series("t1", "ping", "c1").last.statusTotals[Status.FAILURE.ordinal()]).isEqualTo(1);
        }
    }

    @Test
    void shouldNotCloseAWindowByTheWallClockWhileItsPartitionReceivesResults() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < 5; i++) {
                // results of an agent whose clock lags: all in the first window, one every 20 s of wall time
                f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1 + i));
                f.advanceWallClock(Duration.ofSeconds(20));
            }
            assertThat(f.aggregates.isEmpty()).isTrue();
        }
    }

    @Test
    void shouldClampQuantilesToTheRangeOfTheSamples() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < 10; i++) {
                f.sendResult("t1", "c1", "SUCCESS", 12.5, T0.plusMillis(100 * i));
            }
            f.advanceTo(T0.plusSeconds(20));
            CanaryAggregate a = byKey(f.aggregates.readValuesToList()).get(T0.toEpochMilli() + "|t1|ping|c1");
            assertThat(a.latencyP50Ms()).isEqualTo(12.5);
            assertThat(a.latencyP90Ms()).isEqualTo(12.5);
            assertThat(a.latencyP99Ms()).isEqualTo(12.5);
        }
    }

    @Test
    void shouldCountAResultOlderThanTheRetentionAsLate() {
        try (TopologyFixture f = new TopologyFixture()) {
            // retention is 60 s and the driver's wall clock stands at T0
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.minusSeconds(61));
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.minusSeconds(50));
            f.advanceTo(T0.plusSeconds(30));
            assertThat(f.counter(Counters.LATE)).isEqualTo(1);
            assertThat(f.aggregates.readValuesToList()).filteredOn(a -> a.target().equals("t1"))
                    .allSatisfy(a -> assertThat(a.count()).isEqualTo(1));
        }
    }

    @Test
    void shouldExpireASeriesUnseenForTheExpiryTimeAndAdmitANewOneInItsPlace() {
        try (TopologyFixture f = new TopologyFixture(cfg -> cfg.withMaxSeries(1)
                .withTimeouts(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(2)))) {
            f.sendResult("t1", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            f.sendResult("t2", "c1", "SUCCESS", 10.0, T0.plusSeconds(1));
            assertThat(f.counter(Counters.overflowKey("canary"))).isEqualTo(1);
            f.advanceWallClock(Duration.ofSeconds(31));
            assertThat(f.latest("t1", "ping", "c1")).isNotNull();

            f.advanceWallClock(Duration.ofMinutes(3));
            assertThat(f.series("t1", "ping", "c1")).as("expired from the series store").isNull();
            assertThat(f.latest("t1", "ping", "c1")).as("and its latest window").isNull();
            assertThat(f.latest("t1", "ping", null)).isNull();
            try (var it = f.driver.<String, java.util.List<CanaryAggregate>>getWindowStore(CanaryNames.STORE_HISTORY).all()) {
                assertThat(it.hasNext()).as("and its history").isFalse();
            }

            f.sendResult("t2", "c1", "SUCCESS", 10.0, T0.plusSeconds(300));
            assertThat(f.series("t2", "ping", "c1")).as("the bound admits a new series again").isNotNull();
            assertThat(f.counter(Counters.overflowKey("canary"))).isEqualTo(1);
        }
    }

    @Test
    void shouldBoundTheDnsLabelCombinationsOfASeriesAndCountTheRest() {
        try (TopologyFixture f = new TopologyFixture()) {
            for (int i = 0; i < SeriesState.MAX_DNS_KEYS + 2; i++) {
                f.send("example.com", Results.dns("dns-1", "example.com", "SUCCESS", 5.0, "A", "192.0.2." + i,
                        "[\"93.184.216.34\"]", null, T0.plusSeconds(1)), T0);
            }
            SeriesState s = f.series("example.com", "dns", "dns-1").last;
            assertThat(s.dnsResolveMs.get("A")).hasSize(SeriesState.MAX_DNS_KEYS);
            assertThat(s.statusTotals[Status.SUCCESS.ordinal()]).isEqualTo(SeriesState.MAX_DNS_KEYS + 2);
            // two refused per extra result: the latency gauge and the answer hash
            assertThat(f.counter(Counters.overflowKey("dns"))).isEqualTo(4);
        }
    }
}

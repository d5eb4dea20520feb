package io.netobs.streams.path;

import static io.netobs.streams.path.PathChangeTest.MTR;
import static io.netobs.streams.path.PathChangeTest.TR;
import static io.netobs.streams.path.PathChangeTest.minute;
import static io.netobs.streams.path.PathDriver.mtr;
import static io.netobs.streams.path.PathDriver.traceroute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netobs.observability.Promtool;
import org.junit.jupiter.api.Test;

/** The path families as served, through a flap of the traceroute canary and a steady mtr canary. */
class PathMetricsTest {
    private static final String CHANGES = PathMetrics.CHANGES + "_total";

    @Test
    void shouldCountChangesFromZeroAndShowTheOpenOne() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            PathScrape before = new PathScrape(d);
            assertThat(before.series(CHANGES, TR)).isEqualTo(0.0);
            assertThat(before.series(PathMetrics.ACTIVE, TR)).isEqualTo(0.0);
            assertThat(before.series(PathMetrics.HOPS, TR)).isEqualTo(6.0);

            d.send(traceroute("traceroute-b.txt", TR, minute(2)));
            PathScrape open = new PathScrape(d);
            assertThat(open.series(CHANGES, TR)).isEqualTo(1.0);
            assertThat(open.series(PathMetrics.ACTIVE, TR)).isEqualTo(1.0);
            assertThat(open.series(PathMetrics.HOPS, TR)).isEqualTo(7.0);
            assertThat(open.series(PathMetrics.HOP_LATENCY, TR, "hop", "7")).isCloseTo(0.015187, within(1e-9));

            d.send(traceroute("traceroute-a.txt", TR, minute(3)));
            PathScrape back = new PathScrape(d);
            assertThat(back.series(CHANGES, TR)).isEqualTo(2.0);
            assertThat(back.series(PathMetrics.ACTIVE, TR)).isEqualTo(0.0);
            assertThat(back.series(PathMetrics.HOPS, TR)).isEqualTo(6.0);
            assertThat(back.series(PathMetrics.HOP_LATENCY, TR, "hop", "7")).as("not on the current path").isNull();
        }
    }

    @Test
    void shouldExportEachHopsLatencyAndLossOfTheNewestResult() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(mtr("mtr-a.json", MTR, minute(1)));
            PathScrape s = new PathScrape(d);

            // traceroute: the median of the three probes; a lost probe is loss, not latency
            assertThat(s.series(PathMetrics.HOP_LATENCY, TR, "hop", "1")).isCloseTo(0.000470, within(1e-12));
            assertThat(s.series(PathMetrics.HOP_LOSS, TR, "hop", "1")).isEqualTo(0.0);
            assertThat(s.series(PathMetrics.HOP_LATENCY, TR, "hop", "2")).as("'* * *'").isNull();
            assertThat(s.series(PathMetrics.HOP_LOSS, TR, "hop", "2")).isEqualTo(1.0);
            assertThat(s.series(PathMetrics.HOP_LATENCY, TR, "hop", "3")).isCloseTo(0.0052005, within(1e-12));
            assertThat(s.series(PathMetrics.HOP_LOSS, TR, "hop", "3")).isCloseTo(0.33333, within(1e-9));
            assertThat(s.series(PathMetrics.HOP_LATENCY, TR, "hop", "6")).isCloseTo(0.0100, within(1e-12));
            // mtr: best/avg/worst, whose median is mtr's average; Loss% as reported
            assertThat(s.series(PathMetrics.HOP_LATENCY, MTR, "hop", "4")).isCloseTo(0.006902, within(1e-12));
            assertThat(s.series(PathMetrics.HOP_LOSS, MTR, "hop", "4")).isCloseTo(0.1, within(1e-12));
            assertThat(s.series(PathMetrics.HOP_LOSS, MTR, "hop", "2")).as("'???'").isEqualTo(1.0);
            assertThat(s.text).doesNotContain("hop=\"7\"");
        }
    }

    @Test
    void shouldPassPromtoolCheckMetrics() throws Exception {
        assumeTrue(Promtool.available(), "promtool is not on PATH");
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(traceroute("traceroute-b.txt", TR, minute(2)));
            d.send(mtr("mtr-a.json", MTR, minute(1)));
            String text = new PathScrape(d).text;
            for (String family : new String[] {CHANGES + " counter", PathMetrics.ACTIVE + " gauge",
                    PathMetrics.HOPS + " gauge", PathMetrics.HOP_LATENCY + " gauge", PathMetrics.HOP_LOSS + " gauge",
                    PathMetrics.STALE + "_total counter", PathMetrics.TRUNCATED + "_total counter"}) {
                assertThat(text).contains("# TYPE " + family);
            }

            Promtool.Result r = Promtool.checkMetrics(text);
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).as("lint findings").isBlank();
        }
    }
}

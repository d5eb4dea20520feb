package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** fping -C output recorded on a real network, so loss paths are covered without probing anything. */
class PingStatsTest {
    static final String RECORDED = String.join("\n",
            "10.0.0.1   : 1.20 - 1.50 - 2.10",
            "10.0.0.2   : - - - - -",
            "fe80::1    : 0.031 0.045 0.040 0.052 0.038",
            "");

    @Test
    void shouldParsePartialLoss() {
        PingStats s = PingStats.parse(RECORDED, "10.0.0.1").orElseThrow();
        assertThat(s.rttsMs()).isEqualTo(Arrays.asList(1.20, null, 1.50, null, 2.10));
        assertThat(s.sent()).isEqualTo(5);
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.lossPercent()).isEqualTo(40.0);
        assertThat(s.minMs()).isEqualTo(1.2);
        assertThat(s.maxMs()).isEqualTo(2.1);
        assertThat(s.avgMs()).isEqualTo(1.6);
        // |1.5-1.2| and |2.1-1.5| over two gaps
        assertThat(s.jitterMs()).isEqualTo(0.45);
        assertThat(s.stddevMs()).isEqualTo(0.374); // population stddev of 1.2, 1.5, 2.1
    }

    @Test
    void shouldParseTotalLoss() {
        PingStats s = PingStats.parse(RECORDED, "10.0.0.2").orElseThrow();
        assertThat(s.lossPercent()).isEqualTo(100.0);
        assertThat(s.received()).isZero();
        assertThat(s.avgMs()).isNull();
        assertThat(s.rttsMs()).hasSize(5).containsOnlyNulls();
    }

    @Test
    void shouldParseIpv6AndIgnoreOtherTargetsAndSummaryLines() {
        assertThat(PingStats.parse(RECORDED, "fe80::1").orElseThrow().received()).isEqualTo(5);
        assertThat(PingStats.parse(RECORDED, "10.0.0.9")).isEmpty();
        assertThat(PingStats.parse("10.0.0.1 : xmt/rcv/%loss = 5/5/0%, min/avg/max = 1/2/3", "10.0.0.1")).isEmpty();
        assertThat(PingStats.parse("ICMP Host Unreachable from 10.0.0.254 for ICMP Echo sent to 10.0.0.1\n"
                + "10.0.0.1 : - 0.50", "10.0.0.1").orElseThrow().lossPercent()).isEqualTo(50.0);
    }
}

package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

/** Many monitored prefixes: every one gets its own state, and a PEER_DOWN reaches all of them. */
class BgpScaleTest {
    // The test driver flushes every store after every record; 500 keeps the run short and still fans out widely.
    static final int PREFIXES = 500;

    @Test
    void shouldWithdrawAPeersRoutesAcrossManyMonitoredPrefixes() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < PREFIXES; i++) {
            yaml.append("100.").append(i / 256).append('.').append(i % 256).append(".0/24: {asn: 64500}\n");
        }
        try (BgpDriver d = new BgpDriver(yaml.toString(), null)) {
            for (int i = 0; i < PREFIXES; i++) {
                d.announce(i, "198.51.100.1", "100." + i / 256 + "." + i % 256 + ".0/24", 64501, 64500);
            }
            assertThat(visibleSum(d)).isEqualTo(PREFIXES);

            d.peerDown(PREFIXES, "198.51.100.1", 64501);

            assertThat(visibleSum(d)).isZero();
            assertThat(d.events()).as("each prefix lost its only peer").hasSize(PREFIXES)
                    .allSatisfy(e -> assertThat(e.id()).startsWith("VISIBILITY_LOST|100."));
        }
    }

    private static double visibleSum(BgpDriver d) {
        MetricSnapshot s = d.module.metrics(d.stores()).collect().stream()
                .filter(m -> m.getMetadata().getName().equals("bgp_prefix_visible_peers")).findFirst().orElseThrow();
        assertThat(s.getDataPoints()).hasSize(PREFIXES);
        return s.getDataPoints().stream()
                .mapToDouble(p -> ((io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot) p).getValue())
                .sum();
    }
}

package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IngestMetricsTest {
    @Test
    void shouldRenderEveryFamilyWithHelpAndFreshness() {
        AtomicLong now = new AtomicLong(1_000_000);
        IngestMetrics m = new IngestMetrics(now::get);
        m.observe("rrc25", 1_740_561_857_910L);
        m.observe("rrc25", 1_740_561_000_000L); // older event: the gauge keeps the latest
        m.framesPublished.increment();
        m.queueOverflow.add(3);
        m.setConnected(true);
        now.addAndGet(2_500);
        String text = m.render();
        assertThat(text)
                .contains("netobs_bgp_ingest_last_message_timestamp_seconds{collector=\"rrc25\"} 1740561857.910\n")
                .contains("netobs_bgp_ingest_seconds_since_last_message 2.500\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"published\"} 1\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"dead_letter\"} 0\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"ignored\"} 0\n")
                .contains("netobs_bgp_ingest_queue_overflow_total 3\n")
                .contains("netobs_bgp_ingest_connected 1\n")
                .contains("netobs_bgp_ingest_ris_errors_total 0\n")
                .contains("netobs_bgp_ingest_reconnects_total 0\n");
        long families = text.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(families).isEqualTo(9);
    }

    @Test
    void shouldBoundCollectorLabels() {
        IngestMetrics m = new IngestMetrics(() -> 0L);
        for (int i = 0; i < IngestMetrics.MAX_COLLECTORS + 50; i++) {
            m.observe("rrc" + i, i);
        }
        assertThat(m.render().lines().filter(l -> l.startsWith("netobs_bgp_ingest_last_message_timestamp_seconds{")).count())
                .isEqualTo(IngestMetrics.MAX_COLLECTORS);
    }
}

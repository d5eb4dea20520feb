package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ingester's families as its registry exposes them (the text /metrics serves; HTTP is in IngestHttpTest). */
class IngestMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldExposeEveryFamilyWithHelpAndFreshness() {
        AtomicLong now = new AtomicLong(1_000_000);
        IngestMetrics m = new IngestMetrics(registry, now::get);
        m.observe("rrc25", 1_740_561_857_910L);
        m.observe("rrc25", 1_740_561_000_000L); // older event: the gauge keeps the latest
        m.framesPublished.increment();
        m.queueOverflow.add(3);
        m.setConnected(true);
        now.addAndGet(2_500);
        String text = registry.scrape();
        assertThat(Samples.value(text, "netobs_bgp_ingest_last_message_timestamp_seconds{collector=\"rrc25\"}"))
                .isEqualTo(1_740_561_857.910);
        assertThat(Samples.value(text, "netobs_bgp_ingest_seconds_since_last_message")).isEqualTo(2.5);
        assertThat(text)
                .contains("# HELP netobs_bgp_ingest_last_message_timestamp_seconds BGP event time of the latest message "
                        + "received from each collector, Unix seconds\n")
                .contains("# TYPE netobs_bgp_ingest_last_message_timestamp_seconds gauge\n")
                .contains("# TYPE netobs_bgp_ingest_frames_total counter\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"published\"} 1.0\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"dead_letter\"} 0.0\n")
                .contains("netobs_bgp_ingest_frames_total{result=\"ignored\"} 0.0\n")
                .contains("netobs_bgp_ingest_queue_overflow_total 3.0\n")
                .contains("netobs_bgp_ingest_connected 1.0\n")
                .contains("netobs_bgp_ingest_ris_errors_total 0.0\n");
        long families = text.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(families).isEqualTo(12);
    }

    @Test
    void shouldExportEveryKnownLabelValueFromZero() {
        new IngestMetrics(registry, () -> 0L);
        String text = registry.scrape();
        for (String reason : new String[] {"connect_failed", "handshake_timeout", "closed", "silent", "send_failed"}) {
            assertThat(text).contains("netobs_bgp_ingest_reconnects_total{reason=\"" + reason + "\"} 0.0\n");
        }
        assertThat(text).contains("netobs_bgp_ingest_send_failures_total{message=\"subscribe\"} 0.0\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"ping\"} 0.0\n")
                .contains("netobs_bgp_ingest_handshake_timeouts_total 0.0\n")
                .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 0.0\n")
                .contains("netobs_bgp_ingest_source{source=\"replay\"} 0.0\n");
        // Every sample line of a counter family carries a value, none is missing until its first event.
        assertThat(text.lines().filter(l -> l.startsWith("netobs_") && l.contains("_total")).count()).isEqualTo(3 + 4 + 5 + 2 + 1);
    }

    @Test
    void shouldCountReconnectsBySendFailuresByMessageAndMarkTheSourceInUse() {
        IngestMetrics m = new IngestMetrics(registry, () -> 0L);
        m.reconnect(ReconnectReason.HANDSHAKE_TIMEOUT);
        m.reconnect(ReconnectReason.HANDSHAKE_TIMEOUT);
        m.reconnect(ReconnectReason.SEND_FAILED);
        m.sendFailed(SentMessage.PING);
        m.setSource("replay");
        String text = registry.scrape();
        assertThat(text).contains("netobs_bgp_ingest_reconnects_total{reason=\"handshake_timeout\"} 2.0\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"send_failed\"} 1.0\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"closed\"} 0.0\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"ping\"} 1.0\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"subscribe\"} 0.0\n")
                .contains("netobs_bgp_ingest_source{source=\"replay\"} 1.0\n")
                .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 0.0\n");
        assertThat(m.reconnects()).isEqualTo(3);
        assertThat(m.sendFailures()).isEqualTo(1);
        assertThatThrownBy(() -> m.setSource("kafka")).hasMessageContaining("ris-live");
    }

    @Test
    void shouldBoundCollectorLabels() {
        IngestMetrics m = new IngestMetrics(registry, () -> 0L);
        for (int i = 0; i < IngestMetrics.MAX_COLLECTORS + 50; i++) {
            m.observe("rrc" + i, i);
        }
        assertThat(registry.scrape().lines().filter(l -> l.startsWith("netobs_bgp_ingest_last_message_timestamp_seconds{")).count())
                .isEqualTo(IngestMetrics.MAX_COLLECTORS);
    }
}

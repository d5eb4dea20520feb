package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
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
                .contains("netobs_bgp_ingest_ris_errors_total 0\n");
        long families = text.lines().filter(l -> l.startsWith("# TYPE ")).count();
        assertThat(text.lines().filter(l -> l.startsWith("# HELP ")).count()).isEqualTo(families).isEqualTo(12);
    }

    @Test
    void shouldExportEveryKnownLabelValueFromZero() {
        String text = new IngestMetrics(() -> 0L).render();
        for (String reason : new String[] {"connect_failed", "handshake_timeout", "closed", "silent", "send_failed"}) {
            assertThat(text).contains("netobs_bgp_ingest_reconnects_total{reason=\"" + reason + "\"} 0\n");
        }
        assertThat(text).contains("netobs_bgp_ingest_send_failures_total{message=\"subscribe\"} 0\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"ping\"} 0\n")
                .contains("netobs_bgp_ingest_handshake_timeouts_total 0\n")
                .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 0\n")
                .contains("netobs_bgp_ingest_source{source=\"replay\"} 0\n");
        // Every sample line of a counter family carries a value, none is missing until its first event.
        assertThat(text.lines().filter(l -> l.startsWith("netobs_") && l.contains("_total")).count()).isEqualTo(3 + 4 + 5 + 2 + 1);
    }

    @Test
    void shouldCountReconnectsBySendFailuresByMessageAndMarkTheSourceInUse() {
        IngestMetrics m = new IngestMetrics(() -> 0L);
        m.reconnect(ReconnectReason.HANDSHAKE_TIMEOUT);
        m.reconnect(ReconnectReason.HANDSHAKE_TIMEOUT);
        m.reconnect(ReconnectReason.SEND_FAILED);
        m.sendFailed(SentMessage.PING);
        m.setSource("replay");
        String text = m.render();
        assertThat(text).contains("netobs_bgp_ingest_reconnects_total{reason=\"handshake_timeout\"} 2\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"send_failed\"} 1\n")
                .contains("netobs_bgp_ingest_reconnects_total{reason=\"closed\"} 0\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"ping\"} 1\n")
                .contains("netobs_bgp_ingest_send_failures_total{message=\"subscribe\"} 0\n")
                .contains("netobs_bgp_ingest_source{source=\"replay\"} 1\n")
                .contains("netobs_bgp_ingest_source{source=\"ris-live\"} 0\n");
        assertThat(m.reconnects()).isEqualTo(3);
        assertThat(m.sendFailures()).isEqualTo(1);
        assertThatThrownBy(() -> m.setSource("kafka")).hasMessageContaining("ris-live");
    }

    @Test
    void shouldPassPromtoolCheckMetricsWithoutLintProblems() throws Exception {
        boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "promtool")));
        Assumptions.assumeTrue(onPath, "promtool is not on PATH (Debian: apt-get install prometheus)");
        IngestMetrics m = new IngestMetrics(() -> 1_000_000L);
        m.setSource("ris-live");
        m.observe("rrc25", 1_740_561_857_910L);
        m.reconnect(ReconnectReason.CLOSED);
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(m.render().getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
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

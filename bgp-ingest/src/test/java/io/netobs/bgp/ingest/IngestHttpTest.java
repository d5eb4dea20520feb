package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.observability.Exposition;
import io.netobs.observability.Promtool;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingester's /metrics and /health as built by IngestMain, run by JavalinTest over real metrics. */
class IngestHttpTest {
    /** What Prometheus 2.x sends by default. */
    private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean up = new AtomicBoolean(true);
    private IngestMetrics metrics;

    @BeforeEach
    void setUp() {
        metrics = new IngestMetrics(registry, () -> 1_000_000L);
        metrics.setSource("ris-live");
        metrics.setConnected(true);
        metrics.observe("rrc25", 1_740_561_857_910L);
        metrics.framesPublished.add(4);
        metrics.reconnect(ReconnectReason.CLOSED);
    }

    @AfterEach
    void tearDown() {
        registry.close();
    }

    private io.javalin.Javalin app() {
        return HttpEndpoint.create(registry, metrics, "ris-live", up::get);
    }

    @Test
    void shouldServePrometheusTextByDefault() {
        JavalinTest.test(app(), (server, client) -> {
            var resp = client.get("/metrics");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.PROMETHEUS_TEXT);
            assertThat(resp.body().string()).contains("# TYPE netobs_bgp_ingest_frames_total counter\n",
                    "netobs_bgp_ingest_frames_total{result=\"published\"} 4.0\n",
                    "netobs_bgp_ingest_reconnects_total{reason=\"closed\"} 1.0\n",
                    "netobs_bgp_ingest_source{source=\"ris-live\"} 1.0\n").doesNotContain("# EOF");
        });
    }

    @Test
    void shouldServeOpenMetricsWhenPrometheusAsksForIt() {
        JavalinTest.test(app(), (server, client) -> {
            var resp = client.get("/metrics", req -> req.header("Accept", PROMETHEUS_ACCEPT));
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.OPENMETRICS);
            assertThat(resp.body().string()).contains("# TYPE netobs_bgp_ingest_frames counter\n",
                    "netobs_bgp_ingest_frames_total{result=\"published\"} 4.0\n",
                    "# TYPE netobs_bgp_ingest_last_message_timestamp_seconds gauge\n").endsWith("# EOF\n");
        });
    }

    @Test
    void shouldAnswerHealth200WhileUpAnd503Otherwise() {
        JavalinTest.test(app(), (server, client) -> {
            var ok = client.get("/health");
            assertThat(ok.code()).isEqualTo(200);
            assertThat(ok.headers().get("Content-Type")).first().asString().startsWith("application/json");
            assertThat(ok.body().string()).isEqualTo("{\"status\":\"UP\",\"source\":\"ris-live\",\"connected\":true,"
                    + "\"seconds_since_last_message\":0.000,\"frames\":{\"published\":4,\"dead_letter\":0,\"ignored\":0},\"records\":0}");
            up.set(false);
            var down = client.get("/health");
            assertThat(down.code()).isEqualTo(503);
            assertThat(down.body().string()).startsWith("{\"status\":\"DOWN\",");
        });
    }

    @Test
    void shouldPassPromtoolCheckMetricsOnARealScrape() {
        Assumptions.assumeTrue(Promtool.available(), "promtool (Debian package prometheus) is not on PATH");
        JavalinTest.test(app(), (server, client) -> {
            String scrape = client.get("/metrics").body().string();
            assertThat(scrape).contains("netobs_bgp_ingest_last_message_timestamp_seconds{collector=\"rrc25\"}");
            Promtool.Result r = Promtool.checkMetrics(scrape);
            assertThat(r.output()).as("promtool output").isBlank();
            assertThat(r.exitCode()).as("promtool output:\n%s", r.output()).isZero();
        });
    }
}

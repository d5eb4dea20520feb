package io.netobs.streams.http;

import static io.netobs.streams.canary.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.schema.Json;
import io.netobs.streams.canary.Results;
import io.netobs.streams.canary.TopologyFixture;
import io.netobs.streams.metrics.CanaryMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API over the real topology's stores (TopologyTestDriver), served by a real Javalin. */
class HttpApiTest {
    private TopologyFixture fixture;
    private PrometheusMeterRegistry registry;
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);

    @BeforeEach
    void setUp() {
        fixture = new TopologyFixture();
        fixture.send(null, Results.http("http-1", "https://example.com/a", "SUCCESS", 120.0, 200, 5L, true, null,
                T0.plusSeconds(1)), T0);
        fixture.sendResult("8.8.8.8", "ping-1", "SUCCESS", 10.0, T0.plusSeconds(2));
        fixture.advanceTo(T0.plusSeconds(30));
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.getPrometheusRegistry().register(new CanaryMetrics(fixture.stores()));
    }

    @AfterEach
    void tearDown() {
        registry.close();
        fixture.close();
    }

    private io.javalin.Javalin app(LocalStores stores) {
        return app(stores, T0.plusSeconds(30));
    }

    private io.javalin.Javalin app(LocalStores stores, Instant now) {
        LocalTargets targets = new LocalTargets(stores, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(10));
        return HttpApi.create(new HttpApi.Deps(registry, state::get, targets, targets, Optional.empty(), Optional.empty()));
    }

    @Test
    void shouldServePrometheusTextByDefault() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/metrics");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).first().asString().startsWith("text/plain; version=0.0.4");
            assertThat(resp.body().string())
                    .contains("canary_status_total{canary_id=\"ping-1\",status=\"SUCCESS\",target=\"8.8.8.8\",type=\"ping\"} 1.0")
                    .doesNotContain("# EOF");
        });
    }

    @Test
    void shouldServeOpenMetricsWhenAsked() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/metrics", req -> req.header("Accept",
                    "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5"));
            assertThat(resp.headers().get("Content-Type")).first().asString().startsWith("application/openmetrics-text");
            assertThat(resp.body().string()).contains("# TYPE canary_status counter").endsWith("# EOF\n");
        });
    }

    @Test
    void shouldReportHealthyWhileRunningOrRebalancing() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            assertThat(client.get("/health").code()).isEqualTo(200);
            state.set(KafkaStreams.State.REBALANCING);
            var resp = client.get("/health");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.body().string()).contains("\"state\":\"REBALANCING\"");
        });
    }

    @Test
    void shouldReportUnhealthyOtherwise() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            state.set(KafkaStreams.State.ERROR);
            var resp = client.get("/health");
            assertThat(resp.code()).isEqualTo(503);
            assertThat(resp.body().string()).contains("\"state\":\"ERROR\"");
        });
    }

    @Test
    void shouldListTargetsWithTheirLatestWindows() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/api/targets");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.body().string()).contains("\"target\":\"8.8.8.8\"", "\"target\":\"https://example.com/a\"",
                    "\"window_start_ms\":" + T0.toEpochMilli());
        });
    }

    @Test
    void shouldReturnOneTargetEvenWhenItIsAUrl() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/api/targets/https://example.com/a");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.body().string()).startsWith("{\"target\":\"https://example.com/a\",\"windows\":[")
                    .contains("\"canary_id\":\"http-1\"");
        });
    }

    @Test
    void shouldReturnTheLastValuesOfEverySeriesOfATarget() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/api/targets/https://example.com/a");
            assertThat(resp.body().string()).contains("\"series\":[{\"type\":\"http\",\"canary_id\":\"http-1\"",
                    "\"last_status\":\"SUCCESS\"", "\"http_status_code\":200",
                    "\"status_totals\":{\"SUCCESS\":1,\"FAILURE\":0,\"TIMEOUT\":0,\"ERROR\":0}");
        });
    }

    @Test
    void shouldReturnTheClosedWindowsOfATargetOldestFirst() {
        fixture.sendResult("8.8.8.8", "ping-1", "FAILURE", 30.0, T0.plusSeconds(31));
        fixture.advanceTo(T0.plusSeconds(60));
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            var resp = client.get("/api/history/8.8.8.8");
            assertThat(resp.code()).isEqualTo(200);
            String body = resp.body().string();
            int first = body.indexOf("\"window_start_ms\":" + T0.toEpochMilli());
            int second = body.indexOf("\"window_start_ms\":" + T0.plusSeconds(30).toEpochMilli());
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first);
            assertThat(body).contains("\"canary_id\":\"ping-1\"");
        });
    }

    @Test
    void shouldServeTheStateOfEveryTargetAndProbeProblemsFirst() {
        fixture.sendResult("10.0.0.1", "ping-1", "FAILURE", null, T0.plusSeconds(35));
        // 10-second windows: silent after 30 s without a result.
        JavalinTest.test(app(fixture.stores(), T0.plusSeconds(40)), (server, client) -> {
            var resp = client.get("/api/status");
            assertThat(resp.code()).isEqualTo(200);
            List<Map<String, Object>> rows = Json.MAPPER.readValue(resp.body().string(), new TypeReference<>() { });
            assertThat(rows).extracting(r -> r.get("target") + " " + r.get("type") + " " + r.get("state")).containsExactly(
                    "10.0.0.1 ping DOWN", "8.8.8.8 ping SILENT", "https://example.com/a http SILENT", "zz-clock ping UP");
            Map<String, Object> ping = rows.get(1);
            assertThat(ping).containsEntry("availability", 1.0).containsEntry("recent_results", 1)
                    .containsEntry("window_start_ms", T0.toEpochMilli()).containsEntry("last_status", "SUCCESS")
                    .containsEntry("silent_after_ms", 30_000);
            assertThat(rows.get(0).get("reasons")).isEqualTo(List.of("ping-1: latest result FAILURE"));
        });
    }

    @Test
    void shouldAnswer404ForAnUnknownTarget() {
        JavalinTest.test(app(fixture.stores()), (server, client) -> {
            assertThat(client.get("/api/targets/unknown.example").code()).isEqualTo(404);
            assertThat(client.get("/api/history/unknown.example").code()).isEqualTo(404);
        });
    }

    @Test
    void shouldAnswer503WhileTheStoreIsNotQueryable() {
        LocalStores rebalancing = new LocalStores() {
            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> keyValue(String name) {
                throw new InvalidStateStoreException("store " + name + " is migrating");
            }

            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyWindowStore<String, V> window(String name) {
                throw new InvalidStateStoreException("store " + name + " is migrating");
            }
        };
        JavalinTest.test(app(rebalancing), (server, client) -> {
            assertThat(client.get("/api/targets").code()).isEqualTo(503);
            assertThat(client.get("/api/targets/8.8.8.8").code()).isEqualTo(503);
            assertThat(client.get("/api/history/8.8.8.8").code()).isEqualTo(503);
            assertThat(client.get("/api/paths/8.8.8.8").code()).isEqualTo(503);
            assertThat(client.get("/api/status").code()).isEqualTo(503);
        });
    }
}

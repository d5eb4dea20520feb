package io.netobs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint every component serves, on a real Javalin (JavalinTest) over a registry with one counter. */
class OpsEndpointTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Health> health = new AtomicReference<>(new Health(true, "{\"status\":\"UP\"}"));

    OpsEndpointTest() {
        Counter.builder("demo.events").description("Events seen by the demo").tag("kind", "a").register(registry).increment(3);
    }

    @AfterEach
    void close() {
        registry.close();
    }

    @Test
    void shouldServePrometheusTextByDefault() {
        JavalinTest.test(OpsEndpoint.create("test-http", registry, health::get), (server, client) -> {
            var resp = client.get("/metrics");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.PROMETHEUS_TEXT);
            assertThat(resp.body().string()).contains("# HELP demo_events_total Events seen by the demo\n",
                    "# TYPE demo_events_total counter\n", "demo_events_total{kind=\"a\"} 3.0\n").doesNotContain("# EOF");
        });
    }

    @Test
    void shouldServeOpenMetricsWhenAskedTheWayPrometheusAsks() {
        JavalinTest.test(OpsEndpoint.create("test-http", registry, health::get), (server, client) -> {
            var resp = client.get("/metrics", req -> req.header("Accept",
                    "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"));
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.OPENMETRICS);
            assertThat(resp.body().string()).contains("# TYPE demo_events counter\n", "demo_events_total{kind=\"a\"} 3.0\n")
                    .endsWith("# EOF\n");
        });
    }

    @Test
    void shouldAnswerHealthWith200Or503AndTheComponentsJson() {
        JavalinTest.test(OpsEndpoint.create("test-http", registry, health::get), (server, client) -> {
            var up = client.get("/health");
            assertThat(up.code()).isEqualTo(200);
            assertThat(up.headers().get("Content-Type")).first().asString().startsWith("application/json");
            assertThat(up.body().string()).isEqualTo("{\"status\":\"UP\"}");
            health.set(new Health(false, "{\"status\":\"DOWN\",\"reason\":\"disk full\"}"));
            var down = client.get("/health");
            assertThat(down.code()).isEqualTo(503);
            assertThat(down.body().string()).contains("disk full");
        });
    }

    @Test
    void shouldServeFromItsOwnSmallPoolOfDaemonThreads() {
        JavalinTest.test(OpsEndpoint.create("test-http", registry, health::get), (server, client) -> {
            assertThat(client.get("/health").code()).isEqualTo(200);
            var pool = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("test-http")).toList();
            assertThat(pool).isNotEmpty().hasSizeLessThanOrEqualTo(OpsEndpoint.MAX_THREADS).allMatch(Thread::isDaemon);
        });
    }

    @Test
    void shouldRefuseOtherMethodsAndPaths() {
        JavalinTest.test(OpsEndpoint.create("test-http", registry, health::get), (server, client) -> {
            assertThat(client.post("/metrics", "x").code()).isEqualTo(405);
            assertThat(client.get("/").code()).isEqualTo(404);
        });
    }
}

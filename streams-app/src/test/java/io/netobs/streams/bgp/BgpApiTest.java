package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.Json;
import io.netobs.streams.http.HttpApi;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.http.LocalTargets;
import io.netobs.streams.http.PrefixQueries;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.junit.jupiter.api.Test;

/** /api/bgp over the real BGP topology's stores, served by a real Javalin. */
class BgpApiTest {
    private static final TypeReference<List<Map<String, Object>>> LIST = new TypeReference<>() { };

    private static Javalin app(LocalStores stores, Optional<PrefixQueries> bgp) {
        LocalTargets targets = new LocalTargets(stores, Clock.systemUTC(), Duration.ofMinutes(1));
        return HttpApi.create(new HttpApi.Deps(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                () -> KafkaStreams.State.RUNNING, targets, targets, bgp, bgp));
    }

    @Test
    void shouldServeTheMonitoredPrefixesAndTheOpenEvents() {
        try (BgpDriver d = new BgpDriver(BgpQueriesTest.CONFIG, null)) {
            BgpQueriesTest.hijackAndMoreSpecific(d);
            JavalinTest.test(app(d.stores(), Optional.of(d.module.queries(d.stores()))), (server, client) -> {
                var prefixes = client.get("/api/bgp/prefixes");
                assertThat(prefixes.code()).isEqualTo(200);
                List<Map<String, Object>> views = Json.MAPPER.readValue(prefixes.body().string(), LIST);
                assertThat(views).extracting(v -> v.get("prefix") + " " + v.get("seen"))
                        .containsExactly("1.1.1.0/24 true", "8.8.8.0/24 false", "2001:db8::/32 false");
                assertThat(views.get(0)).containsEntry("visible_peers", 4).containsEntry("expected_origins", List.of(13335));

                List<Map<String, Object>> events = Json.MAPPER.readValue(client.get("/api/bgp/events").body().string(), LIST);
                assertThat(events).extracting(e -> e.get("kind") + " " + e.get("prefix") + " " + e.get("origin_asns"))
                        .containsExactly("MORE_SPECIFIC 1.1.1.0/25 [13335]", "ORIGIN_HIJACK 1.1.1.0/24 [666]");
            });
        }
    }

    @Test
    void shouldServeOnePrefixGivenInAnyNotationAndRefuseOthers() {
        try (BgpDriver d = new BgpDriver(BgpQueriesTest.CONFIG, null)) {
            BgpQueriesTest.hijackAndMoreSpecific(d);
            JavalinTest.test(app(d.stores(), Optional.of(d.module.queries(d.stores()))), (server, client) -> {
                var one = client.get("/api/bgp/prefixes/1.1.1.0/24");
                assertThat(one.code()).isEqualTo(200);
                assertThat(one.body().string()).startsWith("{\"prefix\":\"1.1.1.0/24\",\"description\":\"resolver\"")
                        .contains("\"id\":\"ORIGIN_HIJACK|1.1.1.0/24|AS666\"");
                var v6 = client.get("/api/bgp/prefixes/2001:0db8:0:0::/32");
                assertThat(v6.code()).isEqualTo(200);
                assertThat(v6.body().string()).startsWith("{\"prefix\":\"2001:db8::/32\"");
                assertThat(client.get("/api/bgp/prefixes/9.9.9.0/24").code()).isEqualTo(404);
                var bad = client.get("/api/bgp/prefixes/not-a-prefix");
                assertThat(bad.code()).isEqualTo(400);
                assertThat(bad.body().string()).contains("not a prefix");
            });
        }
    }

    @Test
    void shouldAnswer404WhenBgpIsNotConfigured() {
        try (BgpDriver d = new BgpDriver(BgpQueriesTest.CONFIG, null)) {
            JavalinTest.test(app(d.stores(), Optional.empty()), (server, client) -> {
                var resp = client.get("/api/bgp/prefixes");
                assertThat(resp.code()).isEqualTo(404);
                assertThat(resp.body().string()).contains("BGP monitoring is not configured");
                assertThat(client.get("/api/bgp/events").code()).isEqualTo(404);
                assertThat(client.get("/api/bgp/prefixes/1.1.1.0/24").code()).isEqualTo(404);
            });
        }
    }

    @Test
    void shouldAnswer503WhileTheStoreIsNotQueryable() {
        LocalStores rebalancing = new LocalStores() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> keyValue(String name) {
                throw new InvalidStateStoreException("store " + name + " is migrating");
            }

            @Override
            public <V> ReadOnlyWindowStore<String, V> window(String name) {
                throw new InvalidStateStoreException("store " + name + " is migrating");
            }
        };
        try (BgpDriver d = new BgpDriver(BgpQueriesTest.CONFIG, null)) {
            JavalinTest.test(app(rebalancing, Optional.of(d.module.queries(rebalancing))), (server, client) -> {
                assertThat(client.get("/api/bgp/prefixes").code()).isEqualTo(503);
                assertThat(client.get("/api/bgp/prefixes/1.1.1.0/24").code()).isEqualTo(503);
            });
        }
    }
}

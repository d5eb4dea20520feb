package io.netobs.streams.path;

import static io.netobs.streams.path.PathChangeTest.A_LEARNED;
import static io.netobs.streams.path.PathChangeTest.B;
import static io.netobs.streams.path.PathChangeTest.MTR;
import static io.netobs.streams.path.PathChangeTest.TR;
import static io.netobs.streams.path.PathChangeTest.minute;
import static io.netobs.streams.path.PathDriver.TARGET;
import static io.netobs.streams.path.PathDriver.mtr;
import static io.netobs.streams.path.PathDriver.traceroute;
import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.canary.probe.AgentTraceroute;
import io.netobs.schema.Json;
import io.netobs.schema.PathEvent;
import io.netobs.streams.canary.Results;
import io.netobs.streams.http.HttpApi;
import io.netobs.streams.http.LocalTargets;
import io.netobs.streams.http.TargetQueries.TargetPaths;
import io.netobs.streams.path.PathQueries.CurrentPath;
import io.netobs.streams.path.PathQueries.Hop;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/paths/<target>} over the real topology's path store (TopologyTestDriver, fed with the
 * agent's results for recorded traceroute and mtr runs), served by a real Javalin.
 */
class PathApiTest {
    private final PathDriver d = new PathDriver();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LocalTargets local = new LocalTargets(d.stores(), Clock.fixed(PathDriver.T0, ZoneOffset.UTC),
            Duration.ofMinutes(1));

    @AfterEach
    void tearDown() {
        registry.close();
        d.close();
    }

    private Javalin app() {
        return HttpApi.create(new HttpApi.Deps(registry, () -> KafkaStreams.State.RUNNING, local, local,
                Optional.empty(), Optional.empty()));
    }

    private static TargetPaths read(String body) throws Exception {
        return Json.MAPPER.readValue(body, TargetPaths.class);
    }

    @Test
    void shouldServeTheHopsOfEveryCanaryTracingTheTarget() {
        d.send(traceroute("traceroute-a.txt", TR, minute(1)));
        d.send(traceroute("traceroute-a-balanced.txt", TR, minute(2)));
        d.send(mtr("mtr-a.json", MTR, minute(2)));
        JavalinTest.test(app(), (server, client) -> {
            var resp = client.get("/api/paths/" + TARGET);
            assertThat(resp.code()).isEqualTo(200);
            String body = resp.body().string();
            TargetPaths paths = read(body);
            assertThat(paths.target()).isEqualTo(TARGET);
            assertThat(paths.paths()).extracting(CurrentPath::canaryId).containsExactly(MTR, TR);

            CurrentPath tr = paths.paths().get(1);
            assertThat(tr.hops()).extracting(Hop::addresses).as("every address seen on the path, per TTL")
                    .isEqualTo(A_LEARNED.stream().map(PathEvent.Hop::addresses).toList());
            assertThat(tr.hops()).as("the figures of the newest run (traceroute-a-balanced.txt), medians of its RTTs")
                    .containsExactly(
                            new Hop(1, List.of("192.168.1.1"), 0.455, 0.0),
                            new Hop(2, List.of("10.255.0.1"), 3.22, 0.0),
                            new Hop(3, List.of("100.64.0.1", "100.64.0.2"), 5.122, 0.0),
                            new Hop(4, List.of("192.0.2.13", "192.0.2.9"), 7.25, 0.0),
                            new Hop(5, List.of("192.0.2.17"), null, 100.0),
                            new Hop(6, List.of(TARGET), 9.95, 0.0));
            assertThat(tr.destinationReached()).isTrue();
            assertThat(tr.pop()).isEqualTo("lhr");
            assertThat(tr.changes()).isZero();
            assertThat(tr.sinceMs()).as("unchanged since the first run").isEqualTo(minute(1).toEpochMilli());
            assertThat(tr.lastResultMs()).isEqualTo(minute(2).toEpochMilli());
            assertThat(tr.results()).isEqualTo(2);
            assertThat(tr.openChange()).isNull();

            CurrentPath m = paths.paths().get(0);
            assertThat(m.hops()).containsExactly(
                    new Hop(1, List.of("172.16.0.1"), 0.441, 0.0),
                    new Hop(2, List.of(), null, 100.0),
                    new Hop(3, List.of("100.70.1.1"), 4.188, 0.0),
                    new Hop(4, List.of("192.0.2.9"), 6.902, 10.0),
                    new Hop(5, List.of(TARGET), 9.478, 0.0));
            assertThat(m.pop()).isEqualTo("fra");

            assertThat(body).as("snake_case, and no latency where no probe was answered").contains(
                    "\"canary_id\":\"tr-lhr-01\"", "\"destination_reached\":true", "\"since_ms\":",
                    "\"last_result_ms\":", "{\"ttl\":2,\"addresses\":[],\"loss_percent\":100.0}",
                    "{\"ttl\":4,\"addresses\":[\"192.0.2.9\"],\"latency_ms\":6.902,\"loss_percent\":10.0}");
            assertThat(paths).as("what another instance decodes when it forwards: the owner's reads, unchanged")
                    .isEqualTo(local.paths(TARGET).orElseThrow());
            assertThat(read(client.get("/api/paths/" + TARGET + "?scope=local").body().string())).isEqualTo(paths);
        });
    }

    @Test
    void shouldShowTheChangedPathItsOpenEventAndTheReturn() {
        d.send(traceroute("traceroute-a.txt", TR, minute(1)));
        d.send(traceroute("traceroute-b.txt", TR, minute(2)));
        JavalinTest.test(app(), (server, client) -> {
            CurrentPath changed = read(client.get("/api/paths/" + TARGET).body().string()).paths().get(0);
            assertThat(changed.hops()).extracting(Hop::addresses).isEqualTo(B.stream().map(PathEvent.Hop::addresses).toList());
            assertThat(changed.hops().get(4)).as("TTL 5 of B never answered").isEqualTo(new Hop(5, List.of(), null, 100.0));
            assertThat(changed.changes()).isEqualTo(1);
            assertThat(changed.sinceMs()).as("the time of the change").isEqualTo(minute(2).toEpochMilli());
            assertThat(changed.openChange()).isNotNull();
            assertThat(changed.openChange().state()).isEqualTo(PathEvent.State.OPEN);
            assertThat(changed.openChange().firstDifferenceTtl()).isEqualTo(3);
            assertThat(changed.openChange()).isEqualTo(d.events.readValue());

            d.send(traceroute("traceroute-a.txt", TR, minute(3)));
            CurrentPath back = read(client.get("/api/paths/" + TARGET).body().string()).paths().get(0);
            assertThat(back.changes()).as("A to B, and back").isEqualTo(2);
            assertThat(back.sinceMs()).isEqualTo(minute(3).toEpochMilli());
            assertThat(back.openChange()).isNull();
            assertThat(back.hops()).as("A as traceroute-a.txt shows it (the agent keeps a TTL's first answer)")
                    .extracting(Hop::addresses).containsExactly(List.of("192.168.1.1"), List.of(),
                    List.of("100.64.0.1"), List.of("192.0.2.9"), List.of("192.0.2.17"), List.of(TARGET));
        });
    }

    @Test
    void shouldAnswer404WhenNoCanaryTracesTheTarget() {
        String pinged = "192.0.2.1";
        d.sendRaw(pinged, Results.ping("ping-1", pinged, "SUCCESS", 1.0, 0.0, minute(1))
                .getBytes(StandardCharsets.UTF_8), minute(1));
        String silent = "192.0.2.99";
        d.send(AgentTraceroute.fromTraceroute("traceroute to " + silent + " (" + silent + "), 30 hops max, 60 byte packets\n"
                + " 1  * * *\n 2  * * *\n 3  * * *\n", silent, TR, "lhr", minute(1)));
        JavalinTest.test(app(), (server, client) -> {
            assertThat(client.get("/api/targets/" + pinged).code()).as("the target is known").isEqualTo(200);
            var resp = client.get("/api/paths/" + pinged);
            assertThat(resp.code()).as("but nobody traces it").isEqualTo(404);
            assertThat(resp.body().string()).contains("\"error\":\"no canary traces this target", "\"target\":\"" + pinged);
            assertThat(client.get("/api/targets/" + silent).code()).as("traced").isEqualTo(200);
            assertThat(client.get("/api/paths/" + silent).code()).as("but no hop ever answered").isEqualTo(404);
            assertThat(client.get("/api/paths/unknown.example").code()).isEqualTo(404);
        });
    }
}

package io.netobs.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.observability.Exposition;
import io.netobs.observability.OpsEndpoint;
import io.netobs.schema.Json;
import io.netobs.streams.web.StatusPage;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.eclipse.jetty.http.UriCompliance;

/**
 * The HTTP API of one streams-app instance. {@link #create(Deps)} returns the app without starting
 * it; the caller chooses the port (tests run it with JavalinTest).
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text, or OpenMetrics when the Accept header asks for it;</li>
 *   <li>{@code GET /health}: 200 while Streams is RUNNING or REBALANCING, else 503; the state in the body;</li>
 *   <li>{@code GET /api/targets}, {@code GET /api/targets/<target>}: the latest closed windows and the
 *       last values of every series; {@code GET /api/history/<target>}: the closed windows kept for the
 *       retention; {@code GET /api/paths/<target>}: the current traceroute path of each canary tracing
 *       the target, per TTL its addresses and the newest trace's latency and loss
 *       ({@link io.netobs.streams.path.PathQueries}). Each is read
 *       where the target's partition lives ({@code ?scope=local}: this instance only). A target may
 *       contain slashes (the seed's http targets are URLs), so the path parameter takes the rest
 *       of the path. 503 while the store is not queryable, 404 for a target it does not know.</li>
 *   <li>{@code GET /api/status}: one row per (target, probe type) with its state, problems first
 *       ({@link TargetStatus}, {@link StatusRules});</li>
 *   <li>{@code GET /api/bgp/...}: the monitored prefixes and their open events ({@link BgpRoutes});</li>
 *   <li>{@code GET /}: the status page ({@link StatusPage}), built on the routes above.</li>
 * </ul>
 */
public final class HttpApi {
    public static final String OPENMETRICS = Exposition.OPENMETRICS;
    public static final String PROMETHEUS_TEXT = Exposition.PROMETHEUS_TEXT;

    /**
     * @param registry the one registry of the process (never the global one), with the canary (and
     *                 BGP) collectors registered on its Prometheus registry
     * @param state    the current Streams state
     * @param queries  application-wide target reads (forwarding to owners)
     * @param local    this instance's reads only
     * @param bgp      application-wide BGP reads, empty when BGP monitoring is not configured
     * @param bgpLocal this instance's BGP reads only
     */
    public record Deps(PrometheusMeterRegistry registry, Supplier<KafkaStreams.State> state,
                       TargetQueries queries, TargetQueries local,
                       Optional<PrefixQueries> bgp, Optional<PrefixQueries> bgpLocal) {
    }

    private HttpApi() {
    }

    public static Javalin create(Deps deps) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // Targets are URLs: let "https://x" and %2F through to the router instead of a 400.
            config.jetty.modifyHttpConfiguration(http -> http.setUriCompliance(UriCompliance.LEGACY));
            // The same /metrics as the agent's and the ingester's (content negotiation included).
            config.routes.get("/metrics", OpsEndpoint.metrics(deps.registry()));
            config.routes.get("/health", ctx -> health(ctx, deps.state().get()));
            config.routes.get("/api/targets", ctx -> json(ctx, 200, pick(ctx, deps).all()));
            config.routes.get("/api/targets/<target>", ctx -> {
                Optional<TargetQueries.TargetView> view = pick(ctx, deps).target(ctx.pathParam("target"));
                if (view.isPresent()) {
                    json(ctx, 200, view.get());
                } else {
                    json(ctx, 404, Map.of("error", "unknown target", "target", ctx.pathParam("target")));
                }
            });
            config.routes.get("/api/history/<target>", ctx -> {
                Optional<TargetQueries.TargetHistory> history = pick(ctx, deps).history(ctx.pathParam("target"));
                if (history.isPresent()) {
                    json(ctx, 200, history.get());
                } else {
                    json(ctx, 404, Map.of("error", "no closed window for this target", "target", ctx.pathParam("target")));
                }
            });
            config.routes.get("/api/paths/<target>", ctx -> {
                Optional<TargetQueries.TargetPaths> paths = pick(ctx, deps).paths(ctx.pathParam("target"));
                if (paths.isPresent()) {
                    json(ctx, 200, paths.get());
                } else {
                    json(ctx, 404, Map.of("error", "no canary traces this target (or none got an answering hop yet)",
                            "target", ctx.pathParam("target")));
                }
            });
            config.routes.get("/api/status", ctx -> json(ctx, 200, pick(ctx, deps).status()));
            BgpRoutes.addTo(config.routes, deps);
            StatusPage.addTo(config);
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) ->
                    json(ctx, 503, Map.of("error", "state store not queryable yet", "detail", String.valueOf(e.getMessage()))));
        });
    }

    private static TargetQueries pick(Context ctx, Deps deps) {
        return "local".equals(ctx.queryParam("scope")) ? deps.local() : deps.queries();
    }

    private static void health(Context ctx, KafkaStreams.State state) {
        boolean healthy = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        json(ctx, healthy ? 200 : 503, Map.of("status", healthy ? "UP" : "DOWN", "state", state.name()));
    }

    static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}

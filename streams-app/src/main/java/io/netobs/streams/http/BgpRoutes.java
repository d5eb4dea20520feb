package io.netobs.streams.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.netobs.schema.bgp.Cidr;
import java.util.Map;
import java.util.Optional;

/**
 * The BGP part of /api, read where the monitored prefix's partition lives ({@code ?scope=local}: this
 * instance only):
 * <ul>
 *   <li>{@code GET /api/bgp/prefixes}: every monitored prefix ({@link PrefixQueries.PrefixView});</li>
 *   <li>{@code GET /api/bgp/prefixes/<prefix>}: one, e.g. {@code /api/bgp/prefixes/1.1.1.0/24}; 400 when
 *       it is not a prefix, 404 when it is not monitored;</li>
 *   <li>{@code GET /api/bgp/events}: the events open now, newest first.</li>
 * </ul>
 * 404 on all three when BGP monitoring is not configured (no NETOBS_BGP_CONFIG).
 */
final class BgpRoutes {
    private BgpRoutes() {
    }

    static void addTo(RoutesConfig routes, HttpApi.Deps deps) {
        routes.get("/api/bgp/prefixes", ctx -> pick(ctx, deps).ifPresent(q -> HttpApi.json(ctx, 200, q.prefixes())));
        routes.get("/api/bgp/prefixes/<prefix>", ctx -> pick(ctx, deps).ifPresent(q -> {
            String raw = ctx.pathParam("prefix");
            String prefix;
            try {
                prefix = Cidr.parse(raw).toString();
            } catch (IllegalArgumentException e) {
                HttpApi.json(ctx, 400, Map.of("error", "not a prefix: " + e.getMessage(), "prefix", raw));
                return;
            }
            q.prefix(prefix).ifPresentOrElse(v -> HttpApi.json(ctx, 200, v),
                    () -> HttpApi.json(ctx, 404, Map.of("error", "not a monitored prefix", "prefix", prefix)));
        }));
        routes.get("/api/bgp/events", ctx -> pick(ctx, deps).ifPresent(q -> HttpApi.json(ctx, 200, q.openEvents())));
    }

    /** The reads for the request's scope; empty, with a 404 already answered, when BGP is not configured. */
    private static Optional<PrefixQueries> pick(Context ctx, HttpApi.Deps deps) {
        Optional<PrefixQueries> q = "local".equals(ctx.queryParam("scope")) ? deps.bgpLocal() : deps.bgp();
        if (q.isEmpty()) {
            HttpApi.json(ctx, 404, Map.of("error", "BGP monitoring is not configured (NETOBS_BGP_CONFIG)"));
        }
        return q;
    }
}

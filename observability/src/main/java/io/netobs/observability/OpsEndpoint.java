package io.netobs.observability;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The small HTTP endpoint of a component: {@code GET /metrics} (Prometheus text, or OpenMetrics 1.0
 * when the Accept header prefers it, see {@link Exposition}) and {@code GET /health}. {@link #create}
 * returns the app without starting it: the caller starts it on its host and port, tests run it with
 * JavalinTest. An app with more routes (the streams app) mounts {@link #metrics} and {@link #health}
 * in its own configuration instead.
 */
public final class OpsEndpoint {
    /** A scrape every few seconds and a health probe need few threads; Javalin's default pool starts 8 and grows to 250. */
    static final int MAX_THREADS = 8;
    static final int MIN_THREADS = 2;

    private OpsEndpoint() {
    }

    /**
     * @param name     thread name prefix, so a thread dump says whose port it is
     * @param registry the component's one registry, built in its main (never the global one)
     * @param health   asked on every {@code /health} request
     */
    public static Javalin create(String name, PrometheusMeterRegistry registry, Supplier<Health> health) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            pool.setName(name);
            // Like the JDK server it replaces: an HTTP thread never keeps a stopping process alive.
            pool.setDaemon(true);
            config.jetty.threadPool = pool;
            // A POST to /metrics is a mistake worth telling apart from a wrong path.
            config.http.prefer405over404 = true;
            config.routes.get("/metrics", metrics(registry));
            config.routes.get("/health", health(health));
        });
    }

    /** {@code /metrics}: the registry's scrape in the negotiated format, with that format's content type. */
    public static Handler metrics(PrometheusMeterRegistry registry) {
        return ctx -> {
            String type = Exposition.negotiate(ctx.header("Accept"));
            ctx.contentType(type).result(registry.scrape(type));
        };
    }

    /** {@code /health}: 200 or 503 with the component's JSON. */
    public static Handler health(Supplier<Health> health) {
        return ctx -> answer(ctx, health.get());
    }

    private static void answer(Context ctx, Health h) {
        ctx.status(h.status()).contentType("application/json").result(h.json());
    }
}

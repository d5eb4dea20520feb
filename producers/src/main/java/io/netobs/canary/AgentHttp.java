package io.netobs.canary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** The agent's small HTTP port: {@code /metrics} (Prometheus text or OpenMetrics) and {@code /health}. */
final class AgentHttp implements AutoCloseable {
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** Health as a status code plus a JSON body. */
    record Health(boolean healthy, String json) {
    }

    private final HttpServer server;
    private final ExecutorService executor;

    AgentHttp(String host, int port, PrometheusMeterRegistry registry, Supplier<Health> health) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "netobs-agent-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> {
            String accept = ex.getRequestHeaders().getFirst("Accept");
            String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT;
            respond(ex, 200, type, registry.scrape(type));
        });
        server.createContext("/health", ex -> {
            Health h = health.get();
            respond(ex, h.healthy() ? 200 : 503, "application/json", h.json());
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }
}

package io.netobs.canary;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP(S) server on a loopback port for the probe tests:
 * /status/{code}, /delay/{ms}, /redirect/{n} (n hops of 302), /bytes/{n}, /chunked/{n}, /text, /echo.
 */
public final class LoopbackHttpServer implements AutoCloseable {
    public static final String TEXT = "hello from the netobs loopback server";

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    public final AtomicLong requests = new AtomicLong();

    private LoopbackHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static LoopbackHttpServer http() throws IOException {
        return new LoopbackHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200));
    }

    public static LoopbackHttpServer https(SSLContext ctx) throws IOException {
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        s.setHttpsConfigurator(new HttpsConfigurator(ctx));
        return new LoopbackHttpServer(s);
    }

    public String url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        String[] p = ex.getRequestURI().getPath().split("/");
        String what = p.length > 1 ? p[1] : "";
        String arg = p.length > 2 ? p[2] : "0";
        byte[] reqBody = ex.getRequestBody().readAllBytes();
        try {
            switch (what) {
                case "status" -> send(ex, Integer.parseInt(arg), "status " + arg);
                case "delay" -> {
                    Thread.sleep(Long.parseLong(arg));
                    send(ex, 200, "delayed " + arg);
                }
                case "redirect" -> {
                    int n = Integer.parseInt(arg);
                    if (n == 0) {
                        send(ex, 200, "redirects done");
                    } else {
                        ex.getResponseHeaders().set("Location", "/redirect/" + (n - 1));
                        send(ex, 302, "");
                    }
                }
                case "bytes" -> send(ex, 200, "x".repeat(Integer.parseInt(arg)));
                case "chunked" -> {
                    ex.sendResponseHeaders(200, 0); // 0 = chunked
                    try (OutputStream out = ex.getResponseBody()) {
                        for (int i = 0; i < Integer.parseInt(arg); i++) {
                            out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                }
                case "echo" -> send(ex, 200, ex.getRequestMethod() + "\n" + ex.getRequestHeaders().getFirst("User-Agent")
                        + "\n" + ex.getRequestHeaders().getFirst("X-Test") + "\n" + new String(reqBody, StandardCharsets.UTF_8));
                case "text", "health" -> send(ex, 200, TEXT);
                default -> send(ex, 404, "not found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}

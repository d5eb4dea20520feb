package io.netobs.infra.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP service the IT's canary probes and the IT can take down: stopping it closes the
 * listening socket, so the probe gets "connection refused", as from a crashed service.
 */
final class LoopbackService implements AutoCloseable {
    private final String path;
    private HttpServer server;
    private final int port;

    LoopbackService(String path) {
        this.path = path;
        this.server = bind(0);
        this.port = server.getAddress().getPort();
    }

    /** The URL the agent probes, which is also the target's name on the page. */
    String url() {
        return "http://127.0.0.1:" + port + path;
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private HttpServer bind(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
            s.createContext(path, exchange -> {
                byte[] body = "netobs status page IT\n".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on 127.0.0.1:" + onPort, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}

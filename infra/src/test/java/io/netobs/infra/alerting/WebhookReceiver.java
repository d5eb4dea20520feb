package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiving end of Alertmanager's webhook integration on a loopback port: every POST to /receiver-name is one
 * notification (Alertmanager's webhook payload, version 4), kept in arrival order.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One alert as delivered: the receiver it was routed to, the notification's status and the alert's labels. */
    record Delivered(String receiver, String status, Map<String, String> labels) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Delivered> delivered = new ArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                String receiver = exchange.getRequestURI().getPath().substring(1);
                synchronized (delivered) {
                    for (JsonNode alert : body.path("alerts")) {
                        Map<String, String> labels = new TreeMap<>();
                        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                        delivered.add(new Delivered(receiver, alert.path("status").asText(), labels));
                    }
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Delivered> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

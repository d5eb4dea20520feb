package io.netobs.streams.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.schema.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads another instance's /api with {@code scope=local}, which never forwards again, so a stale view
 * of who owns what cannot loop. A failure is "not queryable" for the caller (HTTP 503), as a local
 * store that is not ready.
 */
final class Forwarder {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** GET {@code path} (which must carry scope=local) from {@code host}; null on 404. */
    <T> T fetch(HostInfo host, String path, TypeReference<T> type) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() == 404) {
                return null;
            }
            if (resp.statusCode() != 200) {
                throw new InvalidStateStoreException(host + " answered " + resp.statusCode() + " for " + path);
            }
            return Json.MAPPER.readValue(resp.body(), type);
        } catch (IOException e) {
            throw new InvalidStateStoreException(host + " unreachable for " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** A target or prefix as a path: percent-encoded, but '/' and ':' kept (the routes take the rest of the path). */
    static String pathOf(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                .replace("%3A", ":");
    }
}

package io.netobs.canary.probe;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** One request of a probe run (one redirect hop) on OkHttp: the request as configured, the response read to its end. */
final class HttpExchange {
    /** Methods whose requests must carry a body in OkHttp; an empty one when none is configured. */
    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT", "QUERY");

    /** What came back; {@code end} is the {@link System#nanoTime()} at which the body was read. */
    record Hop(int status, String reason, String location, String httpVersion, HttpBody.Read body, long end) {
    }

    private HttpExchange() {
    }

    static Request request(HttpUrl url, String method, Map<String, String> headers, byte[] body, HttpOptions o) {
        Request.Builder r = new Request.Builder().url(url);
        headers.forEach(r::header);
        if (!o.keepAlive()) {
            // As blackbox_exporter (keep-alives disabled): the server may close at once; OkHttp drops it for HTTP/2.
            r.header("Connection", "close");
        }
        if (!o.gzip()) {
            // Without this OkHttp would ask for gzip and decode it transparently.
            r.header("Accept-Encoding", "identity");
        }
        if (o.proxy() != null && o.proxy().user() != null && !url.isHttps()) {
            // Plain requests go to the proxy itself, so their credentials can ride along; never on a
            // tunnelled https:// request, which would hand them to the origin.
            r.header("Proxy-Authorization", okhttp3.Credentials.basic(o.proxy().user(), o.proxy().password()));
        }
        RequestBody rb = body.length > 0 || BODY_REQUIRED.contains(method) ? RequestBody.create(body, null) : null;
        return r.method(method, rb).build();
    }

    static Hop execute(OkHttpClient client, Request request, int keepBytes) throws IOException {
        try (Response r = client.newCall(request).execute()) {
            HttpBody.Read body = HttpBody.read(r.body(), keepBytes);
            long end = System.nanoTime();
            return new Hop(r.code(), r.message(), r.header("Location"), version(r.protocol()), body, end);
        }
    }

    /** As the status line says it: HTTP/1.0, HTTP/1.1, HTTP/2 (over TLS or cleartext prior knowledge). */
    static String version(Protocol p) {
        return switch (p) {
            case HTTP_1_0 -> "HTTP/1.0";
            case HTTP_1_1 -> "HTTP/1.1";
            case HTTP_2, H2_PRIOR_KNOWLEDGE -> "HTTP/2";
            default -> p.toString();
        };
    }
}

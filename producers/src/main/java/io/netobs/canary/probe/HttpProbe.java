package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;

/**
 * HTTP(S) on OkHttp (HTTP/1.1 and HTTP/2) with phase timings from its events ({@link HttpTimings}),
 * names resolved by the probe's own resolver ({@link HttpDns}), redirects followed here so they are
 * counted, capped and timed hop by hop. Status as the seed (requests): a valid code is SUCCESS unless a
 * check fails ({@link HttpChecks}); a timeout is TIMEOUT; anything else ERROR.
 * {@code latency_ms} is the sum of the phases over all redirects.
 */
public final class HttpProbe implements Probe {
    public static final Set<String> OPTIONS = HttpOptions.KEYS;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final HttpOptions options;
    private final HttpClients clients;

    HttpProbe(HttpOptions options) {
        this.options = options;
        this.clients = new HttpClients(options);
    }

    public static HttpProbe fromConfig(ConfigNode o, String canaryId) {
        return new HttpProbe(HttpOptions.parse(o, canaryId));
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Optional<String> checkTarget(String target) {
        try {
            URI u = new URI(target);
            if (u.getScheme() == null || !Set.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT))
                    || u.getHost() == null || HttpUrl.parse(target) == null) {
                return Optional.of("not an http:// or https:// URL with a host: '" + target + "'");
            }
            if (options.http2() == HttpOptions.Http2.PRIOR_KNOWLEDGE && u.getScheme().equalsIgnoreCase("https")) {
                return Optional.of("http2: prior_knowledge is cleartext HTTP/2 (h2c), for http:// targets only; https:// "
                        + "targets get HTTP/2 through TLS ALPN with http2: auto");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: '" + target + "' (" + e.getReason() + ")");
        }
    }

    @Override
    public Outcome run(ProbeRun run) {
        CanaryResult.Builder b = run.result(Status.ERROR);
        HttpPhases phases = new HttpPhases();
        HttpTimings timings = null;
        try {
            HttpUrl url = HttpUrl.get(run.target());
            String method = options.method();
            byte[] body = options.body();
            Map<String, String> headers = options.headers();
            for (int hops = 0; ; hops++) {
                Duration left = run.remaining();
                if (left.isZero()) {
                    throw new InterruptedIOException("probe deadline reached");
                }
                timings = new HttpTimings();
                HttpExchange.Hop r = HttpExchange.execute(clients.forRequest(left, timings),
                        HttpExchange.request(url, method, headers, body, options), options.maxBodyBytes());
                timings.addTo(phases, r.end());
                timings.forgetTlsSession();
                HttpUrl next = REDIRECTS.contains(r.status()) && r.location() != null ? url.resolve(r.location().trim()) : null;
                if (next != null && hops < options.maxRedirects()) {
                    if (!next.host().equals(url.host())) {
                        headers = withoutCredentials(headers);
                    }
                    // As browsers and requests: 303, and 301/302 after POST, become a GET without body.
                    if ((r.status() == 303 && !method.equals("HEAD")) || ((r.status() == 301 || r.status() == 302) && method.equals("POST"))) {
                        method = "GET";
                        body = new byte[0];
                    }
                    url = next;
                    continue;
                }
                boolean tls = timings.tlsVersion() != null;
                b.statusCode(r.status()).responseSizeBytes(r.body().total()).redirects(hops).httpVersion(r.httpVersion())
                        .tlsVersion(timings.tlsVersion()).certExpiryTimestampSeconds(timings.certExpiry());
                phases.applyTo(b, true);
                return HttpChecks.judge(options, b, r, tls);
            }
        } catch (IOException | RuntimeException e) {
            if (timings != null) {
                timings.addTo(phases, 0);
                timings.forgetTlsSession();
            }
            phases.applyTo(b, false);
            return failure(run, b, e);
        }
    }

    private static Outcome failure(ProbeRun run, CanaryResult.Builder b, Exception e) {
        if (e instanceof HttpDns.DnsTimeoutException || e instanceof InterruptedIOException || run.remaining().isZero()) {
            return Outcome.of(b.status(Status.TIMEOUT).errorMessage("Request timed out after "
                    + run.timeout().toMillis() / 1000.0 + " seconds"), "timeout");
        }
        if (cause(e, ConnectException.class) != null) {
            return Outcome.of(b.errorMessage("Request failed: ConnectionError - " + cause(e, ConnectException.class).getMessage()),
                    "connect_refused");
        }
        if (cause(e, UnknownHostException.class) != null) {
            return Outcome.of(b.errorMessage("Request failed: ConnectionError - unknown host "
                    + cause(e, UnknownHostException.class).getMessage()), "dns_error");
        }
        if (cause(e, SSLException.class) != null) {
            return Outcome.of(b.errorMessage("Request failed: SSLError - " + cause(e, SSLException.class).getMessage()), "tls_error");
        }
        return Outcome.of(b.errorMessage("Request failed: " + e.getClass().getSimpleName() + " - " + e.getMessage()), "io_error");
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** As Go's and OkHttp's clients: credentials are not handed to another host a redirect points at. */
    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.putAll(headers);
        out.remove("Authorization");
        out.remove("Cookie");
        return out;
    }
}

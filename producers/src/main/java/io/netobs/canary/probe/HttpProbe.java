package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP(S) request with phase timings (see {@link HttpExchange}), redirects followed and counted,
 * status code and content checks. Status as the seed (requests): a valid code is SUCCESS unless an
 * expected string or regex is missing (FAILURE, content_match false); an invalid code is FAILURE;
 * a timeout TIMEOUT; anything else ERROR. {@code latency_ms} is the total over all redirects.
 */
public final class HttpProbe implements Probe {
    public static final Set<String> OPTIONS = Set.of("method", "headers", "body", "valid_status_codes", "expected_string",
            "expected_regex", "follow_redirects", "max_redirects", "user_agent", "tls_insecure_skip_verify", "ca_file",
            "max_body_bytes");
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final String method;
    private final Map<String, String> headers;
    private final byte[] body;
    private final StatusCodes valid;
    private final String expectedString;
    private final Pattern expectedRegex;
    private final int maxRedirects;
    private final SSLSocketFactory tls;
    private final boolean verifyHostname;
    private final int maxBodyBytes;

    HttpProbe(String method, Map<String, String> headers, byte[] body, StatusCodes valid, String expectedString,
              Pattern expectedRegex, int maxRedirects, SSLSocketFactory tls, boolean verifyHostname, int maxBodyBytes) {
        this.method = method;
        this.headers = headers;
        this.body = body;
        this.valid = valid;
        this.expectedString = expectedString;
        this.expectedRegex = expectedRegex;
        this.maxRedirects = maxRedirects;
        this.tls = tls;
        this.verifyHostname = verifyHostname;
        this.maxBodyBytes = maxBodyBytes;
    }

    public static HttpProbe fromConfig(ConfigNode o, String canaryId) {
        o.allowKeys(OPTIONS);
        String method = o.text("method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw o.get("method").error("not an HTTP method: '" + method + "'");
        }
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        // The seed's default User-Agent, unless the user sets one.
        headers.put("User-Agent", o.text("user_agent", "NetworkObservabilityCanary/" + canaryId));
        headers.putAll(o.stringMap("headers"));
        StatusCodes codes;
        try {
            codes = StatusCodes.parse(o.textList("valid_status_codes"));
        } catch (IllegalArgumentException e) {
            throw o.get("valid_status_codes").error(e.getMessage());
        }
        Pattern regex = null;
        String re = o.text("expected_regex", "");
        if (!re.isEmpty()) {
            try {
                regex = Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                throw o.get("expected_regex").error("invalid regular expression: " + e.getDescription());
            }
        }
        boolean insecure = o.bool("tls_insecure_skip_verify", false);
        String caFile = o.text("ca_file", "");
        SSLSocketFactory tls;
        try {
            tls = TlsTrust.factory(insecure, caFile);
        } catch (Exception e) {
            throw o.get("ca_file").error("cannot load CA certificates: " + e.getMessage());
        }
        int redirects = o.bool("follow_redirects", true) ? o.integer("max_redirects", 10, 0, 100) : 0;
        return new HttpProbe(method, headers, o.text("body", "").getBytes(StandardCharsets.UTF_8), codes,
                o.text("expected_string", ""), regex, redirects, tls, !insecure,
                o.integer("max_body_bytes", 1 << 20, 0, Integer.MAX_VALUE));
    }

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Optional<String> checkTarget(String target) {
        try {
            URI u = new URI(target);
            if (u.getScheme() == null || !Set.of("http", "https").contains(u.getScheme().toLowerCase(Locale.ROOT)) || u.getHost() == null) {
                return Optional.of("not an http:// or https:// URL with a host: '" + target + "'");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("not a URL: '" + target + "' (" + e.getReason() + ")");
        }
    }

    @Override
    public Outcome run(ProbeRun run) {
        var b = run.result(Status.ERROR);
        long dns = 0, connect = 0, tlsNs = 0, firstByte = 0, transfer = 0;
        try {
            URI uri = new URI(run.target());
            String m = method;
            byte[] payload = body;
            int hops = 0;
            while (true) {
                HttpExchange.Response r = HttpExchange.execute(uri, m, headers, payload, tls, verifyHostname, run, maxBodyBytes);
                dns += r.dnsNs();
                connect += r.connectNs();
                tlsNs += r.tlsNs();
                firstByte += r.firstByteNs();
                transfer += r.transferNs();
                String location = r.headers().get("location");
                if (REDIRECTS.contains(r.status()) && location != null && hops < maxRedirects) {
                    hops++;
                    uri = uri.resolve(location.trim());
                    // As browsers and requests: 303, and 301/302 after POST, become a GET without body.
                    if (r.status() == 303 || ((r.status() == 301 || r.status() == 302) && m.equals("POST"))) {
                        m = "GET";
                        payload = new byte[0];
                    }
                    continue;
                }
                b.statusCode(r.status()).responseSizeBytes(r.bodyBytes()).redirects(hops)
                        .tlsVersion(r.tlsVersion()).certExpiryTimestampSeconds(r.certExpiry());
                timings(b, dns, connect, tlsNs, firstByte, transfer);
                return judge(b, r);
            }
        } catch (SocketTimeoutException e) {
            timings(b, dns, connect, tlsNs, firstByte, transfer).latencyMs(null);
            return Outcome.of(b.status(Status.TIMEOUT).errorMessage("Request timed out after "
                    + run.timeout().toMillis() / 1000.0 + " seconds"), "timeout");
        } catch (ConnectException e) {
            return Outcome.of(b.errorMessage("Request failed: ConnectionError - " + e.getMessage()), "connect_refused");
        } catch (UnknownHostException e) {
            return Outcome.of(b.errorMessage("Request failed: ConnectionError - unknown host " + e.getMessage()), "dns_error");
        } catch (SSLException e) {
            return Outcome.of(b.errorMessage("Request failed: SSLError - " + e.getMessage()), "tls_error");
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Outcome.of(b.errorMessage("Request failed: " + e.getClass().getSimpleName() + " - " + e.getMessage()),
                    "io_error");
        }
    }

    private Outcome judge(io.netobs.schema.CanaryResult.Builder b, HttpExchange.Response r) {
        if (!valid.contains(r.status())) {
            return Outcome.of(b.status(Status.FAILURE).errorMessage("HTTP Error: " + r.status() + " " + r.reason()), "http_status");
        }
        if (expectedString.isEmpty() && expectedRegex == null) {
            return Outcome.success(b.status(Status.SUCCESS));
        }
        String text = HttpBody.text(r.body());
        if (!expectedString.isEmpty() && !text.contains(expectedString)) {
            return Outcome.of(b.status(Status.FAILURE).contentMatch(false)
                    .errorMessage("Expected string '" + expectedString + "' not found in response"), "content_mismatch");
        }
        if (expectedRegex != null && !expectedRegex.matcher(text).find()) {
            return Outcome.of(b.status(Status.FAILURE).contentMatch(false)
                    .errorMessage("Expected regex '" + expectedRegex.pattern() + "' not found in response"), "content_mismatch");
        }
        return Outcome.success(b.status(Status.SUCCESS).contentMatch(true));
    }

    private static io.netobs.schema.CanaryResult.Builder timings(io.netobs.schema.CanaryResult.Builder b, long dns,
            long connect, long tls, long firstByte, long transfer) {
        return b.dnsMs(ms(dns)).connectMs(ms(connect)).tlsMs(ms(tls)).firstByteMs(ms(firstByte)).transferMs(ms(transfer))
                .latencyMs(ms(dns + connect + tls + firstByte + transfer));
    }

    private static double ms(long nanos) {
        return Outcome.round(nanos / 1e6);
    }

    /** Inclusive ranges of status codes, e.g. "200-299", "404"; default 200-399 (the seed's response.ok). */
    record StatusCodes(List<int[]> ranges) {
        static StatusCodes parse(List<String> specs) {
            if (specs.isEmpty()) {
                return new StatusCodes(List.of(new int[] {200, 399}));
            }
            List<int[]> out = new java.util.ArrayList<>();
            for (String s : specs) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                try {
                    if (t.matches("[1-5]xx")) {
                        int base = (t.charAt(0) - '0') * 100;
                        out.add(new int[] {base, base + 99});
                    } else if (t.contains("-")) {
                        String[] p = t.split("-", 2);
                        out.add(new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())});
                    } else {
                        int c = Integer.parseInt(t);
                        out.add(new int[] {c, c});
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a status code, range or class (200, 200-299, 2xx): '" + s + "'");
                }
                int[] last = out.get(out.size() - 1);
                if (last[0] < 100 || last[1] > 599 || last[0] > last[1]) {
                    throw new IllegalArgumentException("status codes must be within 100-599: '" + s + "'");
                }
            }
            return new StatusCodes(out);
        }

        boolean contains(int code) {
            return ranges.stream().anyMatch(r -> code >= r[0] && code <= r[1]);
        }
    }
}

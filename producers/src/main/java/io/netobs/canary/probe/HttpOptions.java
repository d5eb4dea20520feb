package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import okhttp3.Headers;

/**
 * The HTTP probe's options, validated when the configuration is loaded: a bad value or a combination
 * that cannot work fails start-up with "file:line: path: reason".
 */
record HttpOptions(String method, Map<String, String> headers, byte[] body, HttpStatusCodes validCodes,
                   String expectedString, Pattern expectedRegex, int maxRedirects, TlsTrust tls, int maxBodyBytes,
                   Http2 http2, boolean keepAlive, HttpProxy proxy, HttpDns dns, HttpDns.Family ipProtocol,
                   boolean gzip, boolean failIfSsl, boolean failIfNotSsl, Set<String> validHttpVersions) {

    static final Set<String> KEYS = Set.of("method", "headers", "body", "valid_status_codes", "expected_string",
            "expected_regex", "follow_redirects", "max_redirects", "user_agent", "tls_insecure_skip_verify", "ca_file",
            "max_body_bytes", "http2", "keep_alive", "proxy_url", "resolver", "ip_protocol", "ip_protocol_fallback",
            "compression", "fail_if_ssl", "fail_if_not_ssl", "valid_http_versions");

    /** auto: h2 when TLS ALPN offers it, else HTTP/1.1; off: HTTP/1.1 only; prior_knowledge: h2c on http://. */
    enum Http2 { AUTO, OFF, PRIOR_KNOWLEDGE }

    static final Set<String> HTTP_VERSIONS = Set.of("HTTP/1.0", "HTTP/1.1", "HTTP/2");

    /** Headers the client owns; each names the option that sets it. */
    private static final Map<String, String> OWNED = Map.of(
            "accept-encoding", "set by the compression option (gzip or identity)",
            "connection", "set by the keep_alive option",
            "content-length", "computed from body",
            "transfer-encoding", "computed from body",
            "proxy-authorization", "give the credentials in proxy_url");

    static HttpOptions parse(ConfigNode o, String canaryId) {
        o.allowKeys(KEYS);
        String method = o.text("method", "GET").trim().toUpperCase(Locale.ROOT);
        if (!method.matches("[A-Z]+")) {
            throw o.get("method").error("not an HTTP method: '" + method + "'");
        }
        String body = o.text("body", "");
        if (!body.isEmpty() && (method.equals("GET") || method.equals("HEAD"))) {
            throw o.get("body").error("a " + method + " request cannot carry a body; use POST, PUT, PATCH, DELETE or another method");
        }
        Map<String, String> headers = headers(o, canaryId);
        HttpStatusCodes codes;
        try {
            codes = HttpStatusCodes.parse(o.textList("valid_status_codes"));
        } catch (IllegalArgumentException e) {
            throw o.get("valid_status_codes").error(e.getMessage());
        }
        boolean follow = o.bool("follow_redirects", true);
        if (!follow && o.has("max_redirects")) {
            throw o.get("max_redirects").error("max_redirects needs follow_redirects: true");
        }
        // YAML 1.1 reads an unquoted off as false: take the booleans as what they mean.
        Http2 http2 = o.get("http2").raw().isBoolean()
                ? (o.bool("http2", true) ? Http2.AUTO : Http2.OFF) : choice(o, "http2", Http2.class, Http2.AUTO);
        HttpProxy proxy = null;
        if (!o.text("proxy_url", "").isBlank()) {
            try {
                proxy = HttpProxy.parse(o.text("proxy_url", ""));
            } catch (IllegalArgumentException e) {
                throw o.get("proxy_url").error(e.getMessage());
            }
            if (http2 == Http2.PRIOR_KNOWLEDGE) {
                throw o.get("proxy_url").error("http2: prior_knowledge (h2c) cannot go through an HTTP proxy");
            }
        }
        HttpDns.Family family = choice(o, "ip_protocol", HttpDns.Family.class, HttpDns.Family.ANY);
        if (family == HttpDns.Family.ANY && o.has("ip_protocol_fallback")) {
            throw o.get("ip_protocol_fallback").error("ip_protocol_fallback needs ip_protocol ip4 or ip6 (any uses both families)");
        }
        boolean fallback = o.bool("ip_protocol_fallback", true);
        InetSocketAddress resolver = null;
        if (!o.text("resolver", "").isBlank()) {
            try {
                resolver = DnsProbe.parseResolver(o.text("resolver", "").trim());
            } catch (IllegalArgumentException e) {
                throw o.get("resolver").error(e.getMessage());
            }
        }
        boolean failIfSsl = o.bool("fail_if_ssl", false);
        if (failIfSsl && o.bool("fail_if_not_ssl", false)) {
            throw o.get("fail_if_not_ssl").error("fail_if_ssl and fail_if_not_ssl together fail every probe");
        }
        return new HttpOptions(method, headers, body.getBytes(StandardCharsets.UTF_8), codes,
                o.text("expected_string", ""), regex(o), follow ? o.integer("max_redirects", 10, 0, 100) : 0, tls(o),
                o.integer("max_body_bytes", 1 << 20, 0, Integer.MAX_VALUE), http2, o.bool("keep_alive", false), proxy,
                new HttpDns(resolver, family, fallback), family,
                choice(o, "compression", Compression.class, Compression.GZIP) == Compression.GZIP, failIfSsl,
                o.bool("fail_if_not_ssl", false), versions(o, http2));
    }

    private enum Compression { GZIP, IDENTITY }

    private static Map<String, String> headers(ConfigNode o, String canaryId) {
        Map<String, String> user = o.stringMap("headers");
        Map<String, String> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        out.put("Accept", "*/*");
        // The seed's default User-Agent, unless the user sets one.
        out.put("User-Agent", o.text("user_agent", "NetworkObservabilityCanary/" + canaryId));
        for (var e : user.entrySet()) {
            ConfigNode at = o.get("headers").get(e.getKey());
            String owner = OWNED.get(e.getKey().toLowerCase(Locale.ROOT));
            if (owner != null) {
                throw at.error("header " + e.getKey() + " is " + owner);
            }
            if (e.getKey().equalsIgnoreCase("User-Agent") && o.has("user_agent")) {
                throw at.error("User-Agent is set by both user_agent and headers; keep one");
            }
            try {
                Headers.of(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw at.error("not a valid header: " + ex.getMessage());
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Pattern regex(ConfigNode o) {
        String re = o.text("expected_regex", "");
        try {
            return re.isEmpty() ? null : Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw o.get("expected_regex").error("invalid regular expression: " + e.getDescription());
        }
    }

    private static TlsTrust tls(ConfigNode o) {
        boolean insecure = o.bool("tls_insecure_skip_verify", false);
        String caFile = o.text("ca_file", "");
        if (insecure && !caFile.isBlank()) {
            throw o.get("ca_file").error("ca_file has no effect with tls_insecure_skip_verify: true; set one of them");
        }
        try {
            return TlsTrust.of(insecure, caFile);
        } catch (Exception e) {
            throw o.get("ca_file").error("cannot load CA certificates: " + e.getMessage());
        }
    }

    private static Set<String> versions(ConfigNode o, Http2 http2) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : o.textList("valid_http_versions")) {
            String n = v.trim().toUpperCase(Locale.ROOT).replace("HTTP/2.0", "HTTP/2");
            if (!HTTP_VERSIONS.contains(n)) {
                throw o.get("valid_http_versions").error("unknown HTTP version '" + v + "' (HTTP/1.0, HTTP/1.1, HTTP/2)");
            }
            out.add(n);
        }
        if (!out.isEmpty() && (http2 == Http2.OFF && Set.of("HTTP/2").containsAll(out)
                || http2 == Http2.PRIOR_KNOWLEDGE && !out.contains("HTTP/2"))) {
            throw o.get("valid_http_versions").error("no response can have " + out + " with http2: "
                    + http2.name().toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    private static <E extends Enum<E>> E choice(ConfigNode o, String key, Class<E> type, E dflt) {
        String v = o.text(key, dflt.name()).trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw o.get(key).error("must be one of " + List.of(type.getEnumConstants()).stream()
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + v + "'");
    }
}

package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.config.ConfigException;
import io.netobs.canary.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP probe's options through the real config loader: each mistake stops start-up at its line. */
class HttpOptionsTest {
    @TempDir
    Path dir;

    private Path write(String target, String options) throws Exception {
        return Files.writeString(dir.resolve("agent.yml"), "probes:\n  - type: http\n    targets: [" + target + "]\n"
                + "    options:\n" + options.indent(6));
    }

    private void assertFails(String options, String expected) throws Exception {
        assertFails("http://127.0.0.1/", options, expected);
    }

    private void assertFails(String target, String options, String expected) throws Exception {
        Path f = write(target, options);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + ":" + expected);
    }

    @Test
    void shouldAcceptEveryOption() throws Exception {
        Path f = write("http://127.0.0.1/", String.join("\n", "method: POST", "headers: {X-Test: a, Content-Type: text/plain}",
                "body: hello", "valid_status_codes: [2xx, 404]", "expected_string: ok", "expected_regex: 'o+k'",
                "follow_redirects: true", "max_redirects: 3", "user_agent: me/1", "tls_insecure_skip_verify: true",
                "max_body_bytes: 100", "http2: off", "keep_alive: true", "proxy_url: 'http://u:p@127.0.0.1:3128'",
                "resolver: '127.0.0.1:5353'", "ip_protocol: ip6", "ip_protocol_fallback: false", "compression: identity",
                "fail_if_not_ssl: true", "valid_http_versions: [HTTP/1.1]"));
        AgentConfig c = ConfigLoader.load(f, Map.of());
        assertThat(c.groups().get(0).probe()).isInstanceOf(HttpProbe.class);
    }

    @Test
    void shouldRejectBadValues() throws Exception {
        assertFails("http2: maybe", "5: probes.0.options.http2: must be one of [auto, off, prior_knowledge], got 'maybe'");
        assertFails("ip_protocol: ipv4", "5: probes.0.options.ip_protocol: must be one of [any, ip4, ip6], got 'ipv4'");
        assertFails("compression: br", "5: probes.0.options.compression: must be one of [gzip, identity], got 'br'");
        assertFails("proxy_url: 'https://127.0.0.1:3128'",
                "5: probes.0.options.proxy_url: only http:// proxies are supported (they tunnel https:// targets with CONNECT); "
                        + "got 'https://127.0.0.1:3128'");
        assertFails("proxy_url: 'http://127.0.0.1:3128/path'",
                "5: probes.0.options.proxy_url: the proxy URL takes no path or query: 'http://127.0.0.1:3128/path'");
        assertFails("resolver: dns.example", "5: probes.0.options.resolver: resolver must be an IP address with an optional port, "
                + "got 'dns.example'");
        assertFails("valid_http_versions: [HTTP/3]",
                "5: probes.0.options.valid_http_versions: unknown HTTP version 'HTTP/3' (HTTP/1.0, HTTP/1.1, HTTP/2)");
        assertFails("headers: {Accept-Encoding: br}",
                "5: probes.0.options.headers.Accept-Encoding: header Accept-Encoding is set by the compression option (gzip or identity)");
        assertFails("headers: {Connection: keep-alive}",
                "5: probes.0.options.headers.Connection: header Connection is set by the keep_alive option");
        assertFails("headers: {\"Bad Name\": x}", "5: probes.0.options.headers.Bad Name: not a valid header: "
                + "Unexpected char 0x20 at 3 in header name: Bad Name");
    }

    @Test
    void shouldRejectCombinationsThatCannotWork() throws Exception {
        assertFails("body: hello", "5: probes.0.options.body: a GET request cannot carry a body; use POST, PUT, PATCH, DELETE or another method");
        assertFails("follow_redirects: false\nmax_redirects: 3", "6: probes.0.options.max_redirects: max_redirects needs follow_redirects: true");
        assertFails("fail_if_ssl: true\nfail_if_not_ssl: true",
                "6: probes.0.options.fail_if_not_ssl: fail_if_ssl and fail_if_not_ssl together fail every probe");
        assertFails("ip_protocol_fallback: false",
                "5: probes.0.options.ip_protocol_fallback: ip_protocol_fallback needs ip_protocol ip4 or ip6 (any uses both families)");
        assertFails("tls_insecure_skip_verify: true\nca_file: /etc/ssl/ca.pem",
                "6: probes.0.options.ca_file: ca_file has no effect with tls_insecure_skip_verify: true; set one of them");
        assertFails("user_agent: a/1\nheaders: {User-Agent: b/2}",
                "6: probes.0.options.headers.User-Agent: User-Agent is set by both user_agent and headers; keep one");
        assertFails("http2: prior_knowledge\nproxy_url: 'http://127.0.0.1:3128'",
                "6: probes.0.options.proxy_url: http2: prior_knowledge (h2c) cannot go through an HTTP proxy");
        assertFails("http2: off\nvalid_http_versions: [HTTP/2]",
                "6: probes.0.options.valid_http_versions: no response can have [HTTP/2] with http2: off");
        assertFails("https://127.0.0.1/", "http2: prior_knowledge", "3: probes.0.targets.0: bad http target: http2: prior_knowledge "
                + "is cleartext HTTP/2 (h2c), for http:// targets only; https:// targets get HTTP/2 through TLS ALPN with http2: auto");
    }
}

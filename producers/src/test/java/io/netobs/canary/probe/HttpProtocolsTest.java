package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.Probes;
import io.netobs.canary.TestCerts;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 (ALPN and h2c), keep-alive, compression and the TLS/version policies, against Jetty on loopback. */
class HttpProtocolsTest {
    static TestCerts certs;
    static JettyLoopbackServer jetty;
    @TempDir
    static Path dir;
    static String ca;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.create();
        jetty = new JettyLoopbackServer(certs);
        ca = certs.writePem(dir).toString();
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
    }

    private static Outcome run(String url, Map<String, ?> options) {
        return Probes.run(Probes.build("http", options), url, Duration.ofSeconds(5));
    }

    private static Map<String, Object> tls(Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("ca_file", ca));
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void shouldNegotiateHttp2OverTlsWithAlpnAndReportIt() {
        CanaryResult r = run(jetty.httpsUrl("/echo"), tls("expected_string", "\nHTTP/2.0\n")).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.httpVersion()).isEqualTo("HTTP/2");
        assertThat(r.tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(r.certExpiryTimestampSeconds()).isEqualTo(TestCerts.NOT_AFTER.getEpochSecond());
        assertThat(r.tlsMs()).isPositive();
        HttpProbeTest.assertPhasesSumToTotal(r);
    }

    @Test
    void shouldStayOnHttp11WhenHttp2IsOff() {
        CanaryResult r = run(jetty.httpsUrl("/echo"), tls("http2", "off", "expected_string", "\nHTTP/1.1\n")).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.httpVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void shouldSpeakCleartextHttp2WithPriorKnowledge() {
        CanaryResult r = run(jetty.url("/echo"), Map.of("http2", "prior_knowledge", "expected_string", "\nHTTP/2.0\n")).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.httpVersion()).isEqualTo("HTTP/2");
        assertThat(r.tlsVersion()).isNull();
        assertThat(run(jetty.url("/echo"), Map.of()).result().httpVersion()).isEqualTo("HTTP/1.1");
    }

    @Test
    void shouldFailOnAnUnwantedHttpVersion() {
        Outcome o = run(jetty.url("/text"), Map.of("valid_http_versions", List.of("HTTP/2")));
        assertThat(o.result().status()).isEqualTo(Status.FAILURE);
        assertThat(o.result().errorMessage()).isEqualTo("Invalid HTTP version HTTP/1.1 (valid: HTTP/2)");
        assertThat(o.reason()).isEqualTo("http_version");
        assertThat(run(jetty.httpsUrl("/text"), tls("valid_http_versions", List.of("HTTP/2.0"))).result().status())
                .isEqualTo(Status.SUCCESS);
    }

    @Test
    void shouldOpenAFreshConnectionPerProbeUnlessKeepAliveIsOn() {
        var fresh = Probes.build("http", tls());
        int before = jetty.connections();
        for (int i = 0; i < 3; i++) {
            CanaryResult r = Probes.run(fresh, jetty.httpsUrl("/text"), Duration.ofSeconds(5)).result();
            assertThat(r.tlsMs()).isPositive();
        }
        assertThat(jetty.connections() - before).isEqualTo(3);

        var pooled = Probes.build("http", tls("keep_alive", true));
        before = jetty.connections();
        CanaryResult first = Probes.run(pooled, jetty.httpsUrl("/text"), Duration.ofSeconds(5)).result();
        CanaryResult second = Probes.run(pooled, jetty.httpsUrl("/text"), Duration.ofSeconds(5)).result();
        CanaryResult third = Probes.run(pooled, jetty.httpsUrl("/echo"), Duration.ofSeconds(5)).result();
        assertThat(jetty.connections() - before).isEqualTo(1);
        assertThat(first.tlsMs()).isPositive();
        assertThat(List.of(second, third)).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            assertThat(r.connectMs()).isZero();
            assertThat(r.tlsMs()).isZero();
            // A reused connection still says how it is secured.
            assertThat(r.tlsVersion()).isEqualTo("TLSv1.3");
            assertThat(r.certExpiryTimestampSeconds()).isEqualTo(TestCerts.NOT_AFTER.getEpochSecond());
        });
    }

    @Test
    void shouldAskForGzipAndCountTheDecodedBody() {
        CanaryResult gz = run(jetty.url("/gzip/5000"), Map.of("expected_regex", "^y{5000}$")).result();
        assertThat(gz.status()).as(gz.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(gz.responseSizeBytes()).isEqualTo(5000);
        assertThat(run(jetty.url("/echo"), Map.of("expected_string", "accept-encoding=gzip\n")).result().contentMatch()).isTrue();

        CanaryResult plain = run(jetty.url("/echo"), Map.of("compression", "identity",
                "expected_string", "accept-encoding=identity\n")).result();
        assertThat(plain.contentMatch()).isTrue();
        assertThat(run(jetty.url("/gzip/5000"), Map.of("compression", "identity")).result().responseSizeBytes()).isEqualTo(5000);
    }

    @Test
    void shouldApplyTheTlsPolicies() {
        Outcome notSsl = run(jetty.url("/text"), Map.of("fail_if_not_ssl", true));
        assertThat(notSsl.result().status()).isEqualTo(Status.FAILURE);
        assertThat(notSsl.result().errorMessage()).isEqualTo("Final request was not over SSL");
        assertThat(notSsl.reason()).isEqualTo("tls_policy");
        assertThat(run(jetty.httpsUrl("/text"), tls("fail_if_not_ssl", true)).result().status()).isEqualTo(Status.SUCCESS);

        Outcome ssl = run(jetty.httpsUrl("/text"), tls("fail_if_ssl", true));
        assertThat(ssl.result().status()).isEqualTo(Status.FAILURE);
        assertThat(ssl.result().errorMessage()).isEqualTo("Final request was over SSL");
        assertThat(run(jetty.url("/text"), Map.of("fail_if_ssl", true)).result().status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void shouldJudgeTheFinalHopOfARedirectToHttps() {
        CanaryResult r = run(jetty.url("/goto?to=" + jetty.httpsUrl("/text")), tls("fail_if_not_ssl", true)).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.redirects()).isEqualTo(1);
        assertThat(r.tlsVersion()).isEqualTo("TLSv1.3");
        HttpProbeTest.assertPhasesSumToTotal(r);
    }

    @Test
    void shouldSendMethodHeadersAndBodyOverHttp2() {
        CanaryResult r = run(jetty.httpsUrl("/echo"), tls("method", "PUT", "body", "payload-1",
                "headers", Map.of("X-Test", "h2-header"), "expected_regex",
                "(?s)^PUT\\nHTTP/2.0\\n127.0.0.1\\nua=NetworkObservabilityCanary/test-canary\\n.*\\nx-test=h2-header\\nbody=payload-1$")).result();
        assertThat(r.contentMatch()).as(r.errorMessage()).isTrue();
    }
}

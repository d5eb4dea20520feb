package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netobs.canary.LoopbackHttpServer;
import io.netobs.canary.Probes;
import io.netobs.canary.TestCerts;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpProbeTest {
    static TestCerts certs;
    static LoopbackHttpServer http;
    static LoopbackHttpServer https;
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    @BeforeAll
    static void start() throws Exception {
        certs = TestCerts.create();
        http = LoopbackHttpServer.http();
        https = LoopbackHttpServer.https(certs.serverContext);
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static CanaryResult get(String url, Map<String, ?> options) {
        return Probes.run(Probes.build("http", options), url, TIMEOUT).result();
    }

    @Test
    void shouldSucceedWithSeedFieldsAndContentMatch() {
        CanaryResult r = get(http.url("/text"), Map.of("expected_string", "netobs loopback"));
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.responseSizeBytes()).isEqualTo(LoopbackHttpServer.TEXT.length());
        assertThat(r.contentMatch()).isTrue();
        assertThat(r.latencyMs()).isPositive();
        assertThat(r.tlsVersion()).isNull();
        assertThat(r.certExpiryTimestampSeconds()).isNull();
    }

    @Test
    void shouldLeaveContentMatchNullWithoutExpectation() {
        CanaryResult r = get(http.url("/text"), Map.of());
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.contentMatch()).isNull();
    }

    @Test
    void shouldFailOnMissingStringOrRegex() {
        CanaryResult s = get(http.url("/text"), Map.of("expected_string", "absent words"));
        assertThat(s.status()).isEqualTo(Status.FAILURE);
        assertThat(s.contentMatch()).isFalse();
        assertThat(s.errorMessage()).isEqualTo("Expected string 'absent words' not found in response");
        assertThat(get(http.url("/text"), Map.of("expected_regex", "hello\\s+from")).contentMatch()).isTrue();
        assertThat(get(http.url("/text"), Map.of("expected_regex", "^bye")).status()).isEqualTo(Status.FAILURE);
    }

    @Test
    void shouldMapStatusCodesAsTheSeed() {
        CanaryResult notFound = get(http.url("/status/404"), Map.of());
        assertThat(notFound.status()).isEqualTo(Status.FAILURE);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.errorMessage()).startsWith("HTTP Error: 404");
        assertThat(get(http.url("/status/503"), Map.of()).status()).isEqualTo(Status.FAILURE);
        assertThat(get(http.url("/status/204"), Map.of()).status()).isEqualTo(Status.SUCCESS);
        assertThat(get(http.url("/status/404"), Map.of("valid_status_codes", List.of("404", "500-599"))).status())
                .isEqualTo(Status.SUCCESS);
    }

    @Test
    void shouldFollowAndCountRedirects() {
        CanaryResult r = get(http.url("/redirect/3"), Map.of("expected_string", "redirects done"));
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.redirects()).isEqualTo(3);
        assertThat(r.statusCode()).isEqualTo(200);
        CanaryResult off = get(http.url("/redirect/3"), Map.of("follow_redirects", false));
        assertThat(off.statusCode()).isEqualTo(302);
        assertThat(off.redirects()).isZero();
        assertThat(get(http.url("/redirect/3"), Map.of("max_redirects", 2)).statusCode()).isEqualTo(302);
    }

    @Test
    void shouldMeasureTheDelayAndPhasesAddUpToTotal() {
        long t0 = System.nanoTime();
        CanaryResult r = get(http.url("/delay/300"), Map.of());
        double elapsedMs = (System.nanoTime() - t0) / 1e6;
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        // At least the server's delay, and no more than the call took as the test measured it (a fixed
        // slack above 300 ms failed on a loaded machine, where scheduling alone can add tens of ms).
        assertThat(r.latencyMs()).isBetween(300.0, elapsedMs);
        assertPhasesSumToTotal(r);
        assertThat(r.firstByteMs()).isGreaterThanOrEqualTo(299.0);
    }

    @Test
    void shouldTimeOutOnASlowServer() {
        CanaryResult r = Probes.run(Probes.build("http", Map.of()), http.url("/delay/3000"), Duration.ofMillis(400)).result();
        assertThat(r.status()).isEqualTo(Status.TIMEOUT);
        assertThat(r.errorMessage()).isEqualTo("Request timed out after 0.4 seconds");
    }

    @Test
    void shouldReadChunkedAndLargeBodies() {
        assertThat(get(http.url("/chunked/50"), Map.of()).responseSizeBytes()).isEqualTo(500);
        assertThat(get(http.url("/bytes/200000"), Map.of("max_body_bytes", 1000)).responseSizeBytes()).isEqualTo(200_000);
    }

    @Test
    void shouldSendMethodBodyHeadersAndTheSeedUserAgent() {
        CanaryResult r = get(http.url("/echo"), Map.of("method", "POST", "body", "ping-body", "headers", Map.of("X-Test", "yes"),
                "expected_string", "POST\nNetworkObservabilityCanary/test-canary\nyes\nping-body"));
        assertThat(r.contentMatch()).isTrue();
        CanaryResult ua = get(http.url("/echo"), Map.of("user_agent", "custom-agent/1", "expected_string", "custom-agent/1"));
        assertThat(ua.contentMatch()).isTrue();
    }

    @Test
    void shouldReportCertificateExpiryAndTlsVersionOverHttps(@TempDir Path dir) throws Exception {
        CanaryResult r = get(https.url("/text"), Map.of("ca_file", certs.writePem(dir).toString()));
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.certExpiryTimestampSeconds()).isEqualTo(TestCerts.NOT_AFTER.getEpochSecond());
        assertThat(r.certExpiryTimestampSeconds()).isEqualTo(certs.cert.getNotAfter().getTime() / 1000);
        assertThat(r.tlsVersion()).startsWith("TLSv1.");
        assertThat(r.tlsMs()).isPositive();
        assertPhasesSumToTotal(r);
        CanaryResult insecure = get(https.url("/text"), Map.of("tls_insecure_skip_verify", true));
        assertThat(insecure.certExpiryTimestampSeconds()).isEqualTo(TestCerts.NOT_AFTER.getEpochSecond());
    }

    @Test
    void shouldRejectAnUntrustedCertificateAsError() {
        CanaryResult r = get(https.url("/text"), Map.of());
        assertThat(r.status()).isEqualTo(Status.ERROR);
        assertThat(r.errorMessage()).startsWith("Request failed: SSLError");
    }

    @Test
    void shouldReportAClosedPortAsError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome o = Probes.run(Probes.build("http", Map.of()), "http://127.0.0.1:" + port + "/", TIMEOUT);
        assertThat(o.result().status()).isEqualTo(Status.ERROR);
        assertThat(o.reason()).isEqualTo("connect_refused");
    }

    static void assertPhasesSumToTotal(CanaryResult r) {
        double sum = r.dnsMs() + r.connectMs() + r.tlsMs() + r.firstByteMs() + r.transferMs();
        assertThat(sum).isCloseTo(r.latencyMs(), within(r.latencyMs() * 0.05));
    }
}

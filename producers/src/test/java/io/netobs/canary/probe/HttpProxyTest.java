package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.Probes;
import io.netobs.canary.TestCerts;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** proxy_url: plain requests through a real forward proxy, https:// through its CONNECT tunnel, Basic credentials. */
class HttpProxyTest {
    static JettyLoopbackServer jetty;
    static LoopbackProxy open;
    static LoopbackProxy guarded;
    static String ca;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        TestCerts certs = TestCerts.create();
        jetty = new JettyLoopbackServer(certs);
        ca = certs.writePem(dir).toString();
        open = new LoopbackProxy(null);
        guarded = new LoopbackProxy(Credentials.basic("probe", "s3cret"));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        open.close();
        guarded.close();
    }

    private static Outcome run(String url, Map<String, ?> options) {
        return Probes.run(Probes.build("http", options), url, Duration.ofSeconds(5));
    }

    @Test
    void shouldSendPlainRequestsThroughTheProxy() {
        CanaryResult r = run(jetty.url("/text"), Map.of("proxy_url", "http://127.0.0.1:" + open.port(),
                "expected_string", JettyLoopbackServer.TEXT)).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(open.seen).contains("GET " + jetty.url("/text"));
    }

    @Test
    void shouldTunnelHttpsAndKeepTlsAndHttp2EndToEnd() {
        CanaryResult r = run(jetty.httpsUrl("/echo"), Map.of("proxy_url", "http://127.0.0.1:" + open.port(), "ca_file", ca,
                "expected_string", "\nHTTP/2.0\n")).result();
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.httpVersion()).isEqualTo("HTTP/2");
        assertThat(r.certExpiryTimestampSeconds()).isEqualTo(TestCerts.NOT_AFTER.getEpochSecond());
        assertThat(r.connectMs()).isPositive();
        assertThat(open.seen).contains("CONNECT 127.0.0.1:" + jetty.httpsUrl("").split(":")[2]);
    }

    @Test
    void shouldAuthenticateToTheProxyWithTheUrlsCredentials() {
        String proxy = "http://probe:s3cret@127.0.0.1:" + guarded.port();
        assertThat(run(jetty.url("/text"), Map.of("proxy_url", proxy)).result().status()).isEqualTo(Status.SUCCESS);
        CanaryResult tunnelled = run(jetty.httpsUrl("/text"), Map.of("proxy_url", proxy, "ca_file", ca)).result();
        assertThat(tunnelled.status()).as(tunnelled.errorMessage()).isEqualTo(Status.SUCCESS);
        // The tunnelled request itself must not carry the proxy's credentials to the origin.
        assertThat(run(jetty.httpsUrl("/echo"), Map.of("proxy_url", proxy, "ca_file", ca,
                "expected_string", "\nproxy-authorization=null\n")).result().contentMatch()).isTrue();
    }

    @Test
    void shouldReportARefusingProxy() {
        String proxy = "http://127.0.0.1:" + guarded.port();
        CanaryResult plain = run(jetty.url("/text"), Map.of("proxy_url", proxy)).result();
        assertThat(plain.status()).isEqualTo(Status.FAILURE);
        assertThat(plain.statusCode()).isEqualTo(407);
        Outcome tunnel = run(jetty.httpsUrl("/text"), Map.of("proxy_url", proxy, "ca_file", ca));
        assertThat(tunnel.result().status()).isEqualTo(Status.ERROR);
        assertThat(tunnel.result().errorMessage()).contains("proxy");
        assertThat(guarded.seen).anyMatch(s -> s.startsWith("407 CONNECT"));
    }
}

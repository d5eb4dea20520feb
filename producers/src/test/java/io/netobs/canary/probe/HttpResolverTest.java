package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netobs.canary.Probes;
import io.netobs.canary.TestCerts;
import io.netobs.canary.offline.LoopbackDnsServer;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host names in HTTP targets go to the configured resolver (the loopback DNS server here, never the
 * system's): the lookup is the DNS phase, ip_protocol picks the family, failures are DNS errors.
 */
class HttpResolverTest {
    static JettyLoopbackServer jetty;
    static LoopbackDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        jetty = new JettyLoopbackServer(TestCerts.create());
        dns = LoopbackDnsServer.start(InetAddress.getLoopbackAddress(), 0, LoopbackDnsServer.zone("netobs.test.", String.join("\n",
                LoopbackDnsServer.DEFAULT_ZONE, "v4only IN A 127.0.0.1", "v6only IN AAAA ::1", "")));
    }

    @AfterAll
    static void stop() throws Exception {
        jetty.close();
        dns.close();
    }

    private static CanaryResult get(String host, String path, Object... options) {
        Map<String, Object> m = new HashMap<>(Map.of("resolver", dns.resolver()));
        for (int i = 0; i < options.length; i += 2) {
            m.put((String) options[i], options[i + 1]);
        }
        return Probes.run(Probes.build("http", m), "http://" + host + ":" + jetty.port() + path, Duration.ofSeconds(5)).result();
    }

    @Test
    void shouldResolveThroughTheConfiguredResolverAndTimeTheLookup() {
        CanaryResult r = get("netobs.test", "/echo", "ip_protocol", "ip4", "expected_string", "\n127.0.0.1\n");
        assertThat(r.status()).as(r.errorMessage()).isEqualTo(Status.SUCCESS);
        assertThat(r.contentMatch()).isTrue();
        assertThat(r.dnsMs()).isPositive();
        HttpProbeTest.assertPhasesSumToTotal(r);
        // A CNAME is followed by the resolver session.
        assertThat(get("www.netobs.test", "/text", "ip_protocol", "ip4").status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void shouldConnectOverThePreferredFamily() {
        assumeTrue(jetty.hasIpv6(), "::1 is not available on this machine");
        assertThat(get("netobs.test", "/echo", "ip_protocol", "ip6", "expected_string", "\n0:0:0:0:0:0:0:1\n").contentMatch())
                .isTrue();
        // any: both families resolved, OkHttp races them; either way the probe succeeds.
        assertThat(get("netobs.test", "/text").status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void shouldFallBackToTheOtherFamilyOnlyWhenAllowed() {
        CanaryResult fallback = get("v4only.netobs.test", "/echo", "ip_protocol", "ip6", "expected_string", "\n127.0.0.1\n");
        assertThat(fallback.contentMatch()).as(fallback.errorMessage()).isTrue();
        CanaryResult strict = get("v4only.netobs.test", "/text", "ip_protocol", "ip6", "ip_protocol_fallback", false);
        assertThat(strict.status()).isEqualTo(Status.ERROR);
        assertThat(strict.errorMessage()).isEqualTo(
                "Request failed: ConnectionError - unknown host v4only.netobs.test: no AAAA record (ip_protocol ip6 without fallback)");
        assertThat(get("v6only.netobs.test", "/text", "ip_protocol", "ip4", "ip_protocol_fallback", false).errorMessage())
                .endsWith("no A record (ip_protocol ip4 without fallback)");
    }

    @Test
    void shouldReportAnUnknownNameAsADnsError() {
        Outcome o = Probes.run(Probes.build("http", Map.of("resolver", dns.resolver())),
                "http://nope.netobs.test:" + jetty.port() + "/", Duration.ofSeconds(5));
        assertThat(o.result().status()).isEqualTo(Status.ERROR);
        assertThat(o.reason()).isEqualTo("dns_error");
        assertThat(o.result().errorMessage()).isEqualTo("Request failed: ConnectionError - unknown host nope.netobs.test: NXDOMAIN");
        assertThat(o.result().dnsMs()).isNull();
    }

    @Test
    void shouldTimeOutOnASilentResolverWithinTheDeadline() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            long t0 = System.nanoTime();
            Outcome o = Probes.run(Probes.build("http", Map.of("resolver", "127.0.0.1:" + silent.getLocalPort())),
                    "http://netobs.test:" + jetty.port() + "/", Duration.ofMillis(500));
            double ms = (System.nanoTime() - t0) / 1e6;
            assertThat(o.result().status()).isEqualTo(Status.TIMEOUT);
            assertThat(o.result().errorMessage()).isEqualTo("Request timed out after 0.5 seconds");
            assertThat(ms).isBetween(450.0, 1500.0);
        }
    }

    @Test
    void shouldNotCarryCredentialsToAnotherHostOnRedirect() {
        String elsewhere = "http://127.0.0.1:" + jetty.port() + "/echo";
        CanaryResult cross = get("netobs.test", "/goto?to=" + elsewhere, "ip_protocol", "ip4",
                "headers", Map.of("Authorization", "Bearer secret"), "expected_string", "\nauthorization=null\n");
        assertThat(cross.redirects()).isEqualTo(1);
        assertThat(cross.contentMatch()).as(cross.errorMessage()).isTrue();
        CanaryResult same = get("netobs.test", "/goto?to=/echo", "ip_protocol", "ip4",
                "headers", Map.of("Authorization", "Bearer secret"), "expected_string", "\nauthorization=Bearer secret\n");
        assertThat(same.contentMatch()).as(same.errorMessage()).isTrue();
    }
}

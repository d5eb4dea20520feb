package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netobs.canary.Probes;
import io.netobs.canary.config.ConfigException;
import io.netobs.canary.offline.LoopbackDnsServer;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsProbeTest {
    static LoopbackDnsServer server;
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    @BeforeAll
    static void start() throws Exception {
        server = LoopbackDnsServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Outcome query(String name, String type, Map<String, Object> extra) {
        Map<String, Object> o = new java.util.HashMap<>(Map.of("query_type", type, "resolver", server.resolver()));
        o.putAll(extra);
        return Probes.run(Probes.build("dns", o), name, TIMEOUT);
    }

    @Test
    void shouldAnswerEachRecordTypeWithSortedStrings() {
        CanaryResult a = query("netobs.test", "A", Map.of()).result();
        assertThat(a.status()).isEqualTo(Status.SUCCESS);
        assertThat(a.answer()).containsExactly("127.0.0.1");
        assertThat(a.rcode()).isEqualTo("NOERROR");
        assertThat(a.queryType()).isEqualTo("A");
        assertThat(a.resolver()).isEqualTo(server.resolver());
        assertThat(a.latencyMs()).isPositive();
        assertThat(query("netobs.test", "AAAA", Map.of()).result().answer()).containsExactly("::1");
        assertThat(query("netobs.test", "MX", Map.of()).result().answer()).containsExactly("10 mail.netobs.test.");
        assertThat(query("netobs.test", "TXT", Map.of()).result().answer()).containsExactly("\"netobs loopback zone\"");
        assertThat(query("netobs.test", "NS", Map.of()).result().answer()).containsExactly("ns.netobs.test.");
        assertThat(query("netobs.test.", "SOA", Map.of()).result().answer()).hasSize(1);
        assertThat(query("www.netobs.test", "CNAME", Map.of()).result().answer()).containsExactly("netobs.test.");
        // An A query for a CNAME follows it, and only the A records are the answer (as dnspython).
        assertThat(query("www.netobs.test", "A", Map.of()).result().answer()).containsExactly("127.0.0.1");
    }

    @Test
    void shouldSortMultipleAnswers() throws Exception {
        var zone = LoopbackDnsServer.zone("multi.test.", String.join("\n", "$TTL 60",
                "@ IN SOA ns.multi.test. h.multi.test. 1 60 60 60 60", "@ IN NS ns.multi.test.",
                "@ IN A 127.0.0.3", "@ IN A 127.0.0.1", "@ IN A 127.0.0.2", ""));
        try (LoopbackDnsServer s = LoopbackDnsServer.start(InetAddress.getLoopbackAddress(), 0, zone)) {
            CanaryResult r = Probes.run(Probes.build("dns", Map.of("resolver", s.resolver())), "multi.test", TIMEOUT).result();
            assertThat(r.answer()).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        }
    }

    @Test
    void shouldReportNxdomainAsFailure() {
        Outcome o = query("nope.netobs.test", "A", Map.of());
        assertThat(o.result().status()).isEqualTo(Status.FAILURE);
        assertThat(o.result().rcode()).isEqualTo("NXDOMAIN");
        assertThat(o.result().errorMessage()).isEqualTo("NXDOMAIN (Domain does not exist)");
        assertThat(o.result().latencyMs()).isNotNull();
        assertThat(o.reason()).isEqualTo("nxdomain");
    }

    @Test
    void shouldReportAnEmptyAnswerAsFailure() {
        Outcome o = query("mail.netobs.test", "AAAA", Map.of());
        assertThat(o.result().status()).isEqualTo(Status.FAILURE);
        assertThat(o.result().errorMessage()).isEqualTo("No AAAA record found (NoAnswer)");
        assertThat(o.result().answer()).isNull();
        assertThat(o.reason()).isEqualTo("no_answer");
    }

    @Test
    void shouldReportOtherRcodesAsError() {
        Outcome o = query("example.org", "A", Map.of());
        assertThat(o.result().status()).isEqualTo(Status.ERROR);
        assertThat(o.result().rcode()).isEqualTo("REFUSED");
        assertThat(o.reason()).isEqualTo("rcode_refused");
    }

    @Test
    void shouldQueryOverTcp() {
        CanaryResult r = query("netobs.test", "A", Map.of("transport", "tcp")).result();
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.answer()).containsExactly("127.0.0.1");
    }

    @Test
    void shouldCompareExpectedAnswers() {
        assertThat(query("netobs.test", "A", Map.of("expected_answers", List.of("127.0.0.1"))).result().status())
                .isEqualTo(Status.SUCCESS);
        Outcome wrong = query("netobs.test", "A", Map.of("expected_answers", List.of("127.0.0.9")));
        assertThat(wrong.result().status()).isEqualTo(Status.FAILURE);
        assertThat(wrong.result().answer()).containsExactly("127.0.0.1");
        assertThat(wrong.reason()).isEqualTo("answer_mismatch");
    }

    @Test
    void shouldTimeOutOnAResolverThatNeverAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Outcome o = Probes.run(Probes.build("dns", Map.of("resolver", "127.0.0.1:" + silent.getLocalPort())),
                    "netobs.test", Duration.ofMillis(500));
            assertThat(o.result().status()).isEqualTo(Status.TIMEOUT);
            assertThat(o.result().errorMessage()).isEqualTo("Query timed out after 0.5 seconds");
            assertThat(o.result().latencyMs()).isNull();
        }
    }

    @Test
    void shouldServeOnIpv6Loopback() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        boolean up;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(v6, 0))) {
            up = probe.getLocalPort() > 0;
        } catch (Exception e) {
            up = false;
        }
        assumeTrue(up, "::1 is not configured on this machine");
        try (LoopbackDnsServer s = LoopbackDnsServer.start(v6, 0, LoopbackDnsServer.defaultZone())) {
            assertThat(s.resolver()).startsWith("[::1]:");
            CanaryResult r = Probes.run(Probes.build("dns", Map.of("resolver", s.resolver(), "query_type", "AAAA")),
                    "netobs.test", TIMEOUT).result();
            assertThat(r.answer()).containsExactly("::1");
        }
    }

    @Test
    void shouldRejectBadOptionsAtLoad() {
        assertThatThrownBy(() -> Probes.build("dns", Map.of("query_type", "BOGUS"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown DNS record type 'BOGUS'");
        assertThatThrownBy(() -> Probes.build("dns", Map.of("resolver", "dns.google"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("resolver must be an IP address");
        assertThatThrownBy(() -> Probes.build("dns", Map.of("transport", "quic"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("must be udp or tcp");
    }

    @Test
    void shouldRefuseNonLoopbackBinding() {
        assertThatThrownBy(() -> LoopbackDnsServer.start(InetAddress.getByName("0.0.0.0"), 0, LoopbackDnsServer.defaultZone()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

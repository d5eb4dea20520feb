package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.Probes;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpProbeTest {
    @Test
    void shouldMeasureConnectTimeToAnOpenPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CanaryResult r = Probes.run(Probes.build("tcp", Map.of()), "127.0.0.1:" + s.getLocalPort(), Duration.ofSeconds(2)).result();
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
            assertThat(r.port()).isEqualTo(s.getLocalPort());
            assertThat(r.latencyMs()).isPositive().isLessThan(2000.0);
        }
    }

    @Test
    void shouldReportAClosedPortAsFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Outcome o = Probes.run(Probes.build("tcp", Map.of()), "127.0.0.1:" + port, Duration.ofSeconds(2));
        assertThat(o.result().status()).isEqualTo(Status.FAILURE);
        assertThat(o.reason()).isEqualTo("connect_refused");
    }

    @Test
    void shouldConnectOverIpv6Loopback() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 5, InetAddress.getByName("::1"))) {
            CanaryResult r = Probes.run(Probes.build("tcp", Map.of()), "[::1]:" + s.getLocalPort(), Duration.ofSeconds(2)).result();
            assertThat(r.status()).isEqualTo(Status.SUCCESS);
        } catch (java.net.SocketException e) {
            org.junit.jupiter.api.Assumptions.abort("::1 not available: " + e.getMessage());
        }
    }

    @Test
    void shouldRejectMalformedTargets() {
        var p = Probes.build("tcp", Map.of());
        assertThat(p.checkTarget("127.0.0.1")).isPresent();
        assertThat(p.checkTarget("::1:22")).get().asString().contains("brackets");
        assertThat(p.checkTarget("127.0.0.1:70000")).isPresent();
        assertThat(p.checkTarget("[::1]:22")).isEmpty();
    }
}

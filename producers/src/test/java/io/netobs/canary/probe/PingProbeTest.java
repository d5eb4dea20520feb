package io.netobs.canary.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netobs.canary.Probes;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real fping against the loopback addresses; skipped (reported as skipped) where fping or ::1 is missing. */
class PingProbeTest {

    private static void assumeFping() {
        assumeTrue(Commands.locate("fping").isPresent(), "fping is not installed (apt-get install fping)");
    }

    @Test
    void shouldPingIpv4Loopback() {
        assumeFping();
        CanaryResult r = Probes.run(Probes.build("ping", Map.of("count", 3)), "127.0.0.1", Duration.ofSeconds(5)).result();
        assertThat(r.status()).as(String.valueOf(r.errorMessage())).isEqualTo(Status.SUCCESS);
        assertThat(r.packetsSent()).isEqualTo(3);
        assertThat(r.packetsReceived()).isEqualTo(3);
        assertThat(r.packetLossPercent()).isEqualTo(0.0);
        assertThat(r.rttsMs()).hasSize(3).doesNotContainNull();
        assertThat(r.rttAvgMs()).isBetween(r.rttMinMs(), r.rttMaxMs());
        assertThat(r.jitterMs()).isNotNull();
        assertThat(r.rttStddevMs()).isNotNull();
    }

    @Test
    void shouldPingIpv6Loopback() throws Exception {
        assumeFping();
        NetworkInterface lo = NetworkInterface.getByInetAddress(InetAddress.getByName("::1"));
        assumeTrue(lo != null, "::1 is not configured on this machine");
        CanaryResult r = Probes.run(Probes.build("ping", Map.of("count", 2)), "::1", Duration.ofSeconds(5)).result();
        assertThat(r.status()).as(String.valueOf(r.errorMessage())).isEqualTo(Status.SUCCESS);
        assertThat(r.rttsMs()).hasSize(2).doesNotContainNull();
    }

    @Test
    void shouldReportMissingFpingAsErrorWithoutCrashing() {
        PingProbe p = new PingProbe(3, 20, 500, "/nonexistent/fping");
        assertThat(p.unavailableReason()).get().asString().contains("fping command not found");
        Outcome o = Probes.run(p, "127.0.0.1", Duration.ofSeconds(2));
        assertThat(o.result().status()).isEqualTo(Status.ERROR);
        assertThat(o.result().errorMessage()).isEqualTo("fping command not found. Please install fping.");
        assertThat(o.reason()).isEqualTo("fping_missing");
    }

    /** Stand-ins for fping that fail the ways fping does, so no name is ever handed to a resolver. */
    private static String tool(java.nio.file.Path dir, String body) throws Exception {
        java.nio.file.Path f = dir.resolve("fake-fping");
        java.nio.file.Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        f.toFile().setExecutable(true);
        return f.toString();
    }

    @Test
    void shouldReportFpingErrorsAsError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Outcome o = Probes.run(Probes.build("ping", Map.of("fping_path", tool(dir, "echo 'fping: bad option' >&2; exit 3"))),
                "127.0.0.1", Duration.ofSeconds(3));
        assertThat(o.result().status()).isEqualTo(Status.ERROR);
        assertThat(o.result().errorMessage()).isEqualTo("fping command error (return code 3): fping: bad option");
        assertThat(o.reason()).isEqualTo("fping_error");
    }

    @Test
    void shouldReportAHangingFpingAsTimeout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Outcome o = Probes.run(Probes.build("ping", Map.of("fping_path", tool(dir, "sleep 5"))), "127.0.0.1",
                Duration.ofMillis(300));
        assertThat(o.result().status()).isEqualTo(Status.TIMEOUT);
        assertThat(o.reason()).isEqualTo("timeout");
    }

    @Test
    void shouldReportTotalLossAsFailure(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Outcome o = Probes.run(Probes.build("ping", Map.of("fping_path", tool(dir, "echo '127.0.0.1 : - - -' >&2; exit 1"))),
                "127.0.0.1", Duration.ofSeconds(3));
        assertThat(o.result().status()).isEqualTo(Status.FAILURE);
        assertThat(o.result().errorMessage()).isEqualTo("100% packet loss");
        assertThat(o.result().packetLossPercent()).isEqualTo(100.0);
        assertThat(o.result().rttAvgMs()).isNull();
    }
}

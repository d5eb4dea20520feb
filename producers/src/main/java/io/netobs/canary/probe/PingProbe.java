package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * ICMP echo through {@code fping}, as the seed: {@code fping -q -C count -p interval -t timeout target}.
 * fping needs no root here because Debian installs it with cap_net_raw. IPv6 literals work the same
 * way (fping picks the family from the address).
 */
public final class PingProbe implements Probe {
    public static final Set<String> OPTIONS = Set.of("count", "packet_interval_ms", "packet_timeout_ms", "fping_path");
    static final String MISSING = "fping command not found. Please install fping.";

    private final int count;
    private final int packetIntervalMs;
    private final int packetTimeoutMs;
    private final String fping;
    private final Optional<Path> executable;

    public PingProbe(int count, int packetIntervalMs, int packetTimeoutMs, String fping) {
        this.count = count;
        this.packetIntervalMs = packetIntervalMs;
        this.packetTimeoutMs = packetTimeoutMs;
        this.fping = fping;
        this.executable = Commands.locate(fping);
    }

    /** Options: count (5, the seed's PING_COUNT), packet_interval_ms (20), packet_timeout_ms (500), fping_path. */
    public static PingProbe fromConfig(ConfigNode o, String canaryId) {
        o.allowKeys(OPTIONS);
        return new PingProbe(o.integer("count", 5, 1, 1000), o.integer("packet_interval_ms", 20, 1, 60_000),
                o.integer("packet_timeout_ms", 500, 1, 60_000), o.text("fping_path", "fping"));
    }

    @Override
    public String type() {
        return "ping";
    }

    @Override
    public Optional<String> unavailableReason() {
        return executable.isPresent() ? Optional.empty()
                : Optional.of(MISSING + " ('" + fping + "' is not an executable on PATH; Debian/Ubuntu: apt-get install fping)");
    }

    @Override
    public Optional<String> checkTarget(String target) {
        if (target == null || target.isBlank() || target.startsWith("-") || target.contains(" ")) {
            return Optional.of("not a host name or IP address: '" + target + "'");
        }
        return Optional.empty();
    }

    @Override
    public Outcome run(ProbeRun run) {
        if (executable.isEmpty()) {
            return Outcome.of(run.result(Status.ERROR).errorMessage(MISSING), "fping_missing");
        }
        List<String> cmd = List.of(executable.get().toString(), "-q", "-C", String.valueOf(count),
                "-p", String.valueOf(packetIntervalMs), "-t", String.valueOf(packetTimeoutMs), run.target());
        Commands.Output out;
        try {
            out = Commands.run(cmd, run.remaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(run.result(Status.ERROR).errorMessage("ping interrupted"), "interrupted");
        } catch (Exception e) {
            return Outcome.of(run.result(Status.ERROR).errorMessage("An unexpected error occurred during ping: " + e), "fping_error");
        }
        if (out.timedOut()) {
            return Outcome.of(run.result(Status.TIMEOUT).errorMessage("fping command timed out after "
                    + run.timeout().toMillis() / 1000.0 + " seconds for target " + run.target()), "timeout");
        }
        // fping: 0 all replied, 1 some unreachable, >1 a real error (unknown host, bad option).
        if (out.exitCode() > 1) {
            return Outcome.of(run.result(Status.ERROR).errorMessage("fping command error (return code "
                    + out.exitCode() + "): " + out.stderr().strip()), "fping_error");
        }
        Optional<PingStats> parsed = PingStats.parse(out.stderr(), run.target());
        if (parsed.isEmpty()) {
            return Outcome.of(run.result(Status.ERROR).errorMessage("Could not parse fping output: " + out.stderr().strip()),
                    "parse_error");
        }
        PingStats s = parsed.get();
        var b = run.result(s.received() > 0 ? Status.SUCCESS : Status.FAILURE)
                .rttAvgMs(s.avgMs()).rttMinMs(s.minMs()).rttMaxMs(s.maxMs()).rttStddevMs(s.stddevMs())
                .jitterMs(s.jitterMs()).packetLossPercent(s.lossPercent()).packetsSent(s.sent())
                .packetsReceived(s.received()).rttsMs(s.rttsMs());
        if (s.received() == 0) {
            b.errorMessage("100% packet loss");
        }
        return Outcome.of(b, "packet_loss");
    }
}

package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.CanaryResult.Hop;
import io.netobs.schema.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Hop-by-hop path with Debian's {@code traceroute} (per-probe RTTs) or {@code mtr --json} (per-hop
 * best/avg/worst). SUCCESS when the last hop is the destination, FAILURE when the path stops short.
 */
public final class TracerouteProbe implements Probe {
    public static final Set<String> OPTIONS = Set.of("tool", "max_hops", "queries", "wait_ms");

    private final String tool;               // "traceroute" or "mtr"
    private final Optional<Path> executable;
    private final int maxHops;
    private final int queries;
    private final int waitMs;

    TracerouteProbe(String tool, int maxHops, int queries, int waitMs) {
        this.tool = tool;
        this.executable = Commands.locate(tool);
        this.maxHops = maxHops;
        this.queries = queries;
        this.waitMs = waitMs;
    }

    /** Options: tool (auto = traceroute, else mtr), max_hops (30), queries per hop (3), wait_ms per reply (1000). */
    public static TracerouteProbe fromConfig(ConfigNode o, String canaryId) {
        o.allowKeys(OPTIONS);
        String tool = o.text("tool", "auto").trim().toLowerCase(Locale.ROOT);
        if (tool.equals("auto")) {
            tool = Commands.locate("traceroute").isPresent() || Commands.locate("mtr").isEmpty() ? "traceroute" : "mtr";
        } else if (!tool.equals("traceroute") && !tool.equals("mtr")) {
            throw o.get("tool").error("must be auto, traceroute or mtr, got '" + tool + "'");
        }
        return new TracerouteProbe(tool, o.integer("max_hops", 30, 1, 255), o.integer("queries", 3, 1, 10),
                o.integer("wait_ms", 1000, 1, 60_000));
    }

    @Override
    public String type() {
        return "traceroute";
    }

    @Override
    public Optional<String> unavailableReason() {
        return executable.isPresent() ? Optional.empty()
                : Optional.of(tool + " command not found (Debian/Ubuntu: apt-get install traceroute mtr-tiny)");
    }

    @Override
    public Optional<String> checkTarget(String target) {
        return target == null || target.isBlank() || target.startsWith("-") || target.contains(" ")
                ? Optional.of("not a host name or IP address: '" + target + "'") : Optional.empty();
    }

    @Override
    public Outcome run(ProbeRun run) {
        if (executable.isEmpty()) {
            return Outcome.of(run.result(Status.ERROR).errorMessage(unavailableReason().orElseThrow()), "tool_missing");
        }
        List<String> cmd = new ArrayList<>(List.of(executable.get().toString()));
        if (tool.equals("mtr")) {
            cmd.addAll(List.of("--json", "-n", "-c", String.valueOf(queries), "-m", String.valueOf(maxHops),
                    "--timeout", String.valueOf(Math.max(1, waitMs / 1000)), run.target()));
        } else {
            cmd.addAll(List.of("-n", "-q", String.valueOf(queries), "-m", String.valueOf(maxHops),
                    "-w", String.format(Locale.ROOT, "%.3f", waitMs / 1000.0), run.target()));
        }
        try {
            Commands.Output out = Commands.run(cmd, run.remaining());
            if (out.timedOut()) {
                return Outcome.of(run.result(Status.TIMEOUT).errorMessage(tool + " timed out after "
                        + run.timeout().toMillis() / 1000.0 + " seconds"), "timeout");
            }
            if (out.exitCode() != 0) {
                return Outcome.of(run.result(Status.ERROR).errorMessage(tool + " failed (exit " + out.exitCode() + "): "
                        + out.stderr().strip()), "tool_error");
            }
            TracerouteOutput.Path path = tool.equals("mtr") ? TracerouteOutput.parseMtrJson(out.stdout(), run.target())
                    : TracerouteOutput.parseTraceroute(out.stdout());
            return judge(run, path);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.of(run.result(Status.ERROR).errorMessage("traceroute interrupted"), "interrupted");
        } catch (Exception e) {
            return Outcome.of(run.result(Status.ERROR).errorMessage(tool + " output not understood: " + e.getMessage()),
                    "parse_error");
        }
    }

    static Outcome judge(ProbeRun run, TracerouteOutput.Path path) {
        boolean reached = path.reached();
        var b = run.result(reached ? Status.SUCCESS : Status.FAILURE).hops(path.hops()).destinationReached(reached);
        if (reached) {
            Hop last = path.hops().get(path.hops().size() - 1);
            b.latencyMs(last.rttsMs().stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).average()
                    .stream().map(Outcome::round).boxed().findFirst().orElse(null));
        } else {
            b.errorMessage("destination " + path.destination() + " not reached within " + path.hops().size() + " hops");
        }
        return Outcome.of(b, "not_reached");
    }
}

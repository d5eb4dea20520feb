package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link HttpParity} saw: per case, each phase's samples from both probes (milliseconds), and every
 * exact check (success, status, size, version, content, redirects, certificate expiry, TLS version) of
 * every round, as netobs' value against blackbox_exporter's.
 */
final class ParityReport {
    /** netobs phase (result field stem) and blackbox_exporter's {@code probe_http_duration_seconds} phase. */
    static final String[][] PHASES = {{"dns", "resolve"}, {"connect", "connect"}, {"tls", "tls"},
            {"first_byte", "processing"}, {"transfer", "transfer"}, {"total", "sum of phases"}};
    /**
     * The phase bound, |netobs - blackbox| <= TOLERANCE_MS * requests + relative * max(netobs, blackbox):
     * the absolute part is per request (a redirect hop is one more), as the client's own per-request work
     * is; relative is TOLERANCE_REL, or TOLERANCE_REL_TLS for the TLS handshake and the totals that contain
     * one: that phase holds the client's own handshake CPU, and JSSE's is measured at 2-3 times Go's.
     * How it was chosen, from which measurements, is in the README.
     */
    static final double TOLERANCE_MS = 2.0;
    static final double TOLERANCE_REL = 0.4;
    static final double TOLERANCE_REL_TLS = 0.7;
    static final String[] CHECKS = {"success", "status", "size", "version", "content", "redirects", "cert_expiry", "tls"};

    private final Map<String, double[][][]> samples = new LinkedHashMap<>(); // case -> phase -> {netobs, blackbox} -> round
    private final Map<String, String[][]> firstChecks = new LinkedHashMap<>();
    private final List<String> disagreements = new ArrayList<>();
    private final int rounds;
    private final Map<String, Integer> filled = new LinkedHashMap<>();
    private final Map<String, Integer> requests = new LinkedHashMap<>();

    ParityReport(int rounds) {
        this.rounds = rounds;
    }

    void add(String name, CanaryResult n, Map<String, Double> b) {
        double[][][] s = samples.computeIfAbsent(name, k -> new double[PHASES.length][2][rounds]);
        int round = filled.merge(name, 1, Integer::sum) - 1;
        requests.putIfAbsent(name, 1 + b.getOrDefault("probe_http_redirects", 0.0).intValue());
        Double[] ours = {n.dnsMs(), n.connectMs(), n.tlsMs(), n.firstByteMs(), n.transferMs(), n.latencyMs()};
        double sum = 0;
        for (int p = 0; p < PHASES.length; p++) {
            double theirs = p < PHASES.length - 1 ? b.getOrDefault("probe_http_duration_seconds{phase=\"" + PHASES[p][1] + "\"}", 0.0) * 1000 : sum;
            sum += theirs;
            s[p][0][round] = ours[p] == null ? Double.NaN : ours[p];
            s[p][1][round] = theirs;
        }
        String[][] checks = new String[CHECKS.length][];
        checks[0] = pair(n.status() == Status.SUCCESS ? "1" : "0", b.get("probe_success"));
        checks[1] = pair(n.statusCode(), b.get("probe_http_status_code"));
        checks[2] = pair(n.responseSizeBytes(), b.get("probe_http_uncompressed_body_length"));
        Double v = b.get("probe_http_version");
        checks[3] = new String[] {n.httpVersion() == null ? "-" : n.httpVersion().equals("HTTP/2") ? "2.0" : n.httpVersion().substring(5),
                v == null ? "-" : String.format(Locale.ROOT, "%.1f", v)};
        checks[4] = n.contentMatch() == null ? new String[] {"-", "-"}
                : pair(n.contentMatch() ? "0" : "1", b.get("probe_failed_due_to_regex"));
        checks[5] = pair(n.redirects(), b.get("probe_http_redirects"));
        checks[6] = pair(n.certExpiryTimestampSeconds(), b.get("probe_ssl_earliest_cert_expiry"));
        checks[7] = new String[] {n.tlsVersion() == null ? "-" : n.tlsVersion().replace("TLSv", "TLS "), tlsVersion(b)};
        firstChecks.putIfAbsent(name, checks);
        for (int c = 0; c < CHECKS.length; c++) {
            if (!Objects.equals(checks[c][0], checks[c][1])) {
                disagreements.add(name + " round " + (round + 1) + ": " + CHECKS[c] + " netobs=" + checks[c][0]
                        + " blackbox=" + checks[c][1] + (n.errorMessage() == null ? "" : " (" + n.errorMessage() + ")"));
            }
        }
    }

    private static String[] pair(Object ours, Double theirs) {
        String t = theirs == null ? "-" : theirs == Math.rint(theirs) ? String.valueOf(theirs.longValue()) : String.valueOf(theirs);
        return new String[] {ours == null ? "-" : String.valueOf(ours), t};
    }

    private static String tlsVersion(Map<String, Double> b) {
        return b.keySet().stream().filter(k -> k.startsWith("probe_tls_version_info{version=\""))
                .map(k -> k.substring(k.indexOf('"') + 1, k.lastIndexOf('"'))).findFirst().orElse("-");
    }

    /** Exact checks that differed, one line each; empty when all agree. */
    List<String> checkDisagreements() {
        return List.copyOf(disagreements);
    }

    /** Phase medians outside {@link #allowed}, one line each. */
    List<String> phaseDisagreements() {
        List<String> out = new ArrayList<>();
        samples.forEach((name, s) -> {
            for (int p = 0; p < PHASES.length; p++) {
                double n = median(s[p][0]);
                double b = median(s[p][1]);
                if (Double.isNaN(n) || Math.abs(n - b) > allowed(name, s, p)) {
                    out.add(String.format(Locale.ROOT, "%s %s: netobs %.3f ms, blackbox %.3f ms, allowed difference %.3f ms",
                            name, PHASES[p][0], n, b, allowed(name, s, p)));
                }
            }
        });
        return out;
    }

    /**
     * The agreement asked of a phase: the fixed part (per request, and relative to the larger median),
     * plus the spread the measurements themselves show in this run (the larger of the two probes'
     * p90 minus median). On a quiet machine the spread is a fraction of a millisecond; on one shared with
     * other builds both probes' timings scatter, and a difference inside that scatter is not a
     * disagreement between the probes.
     */
    private double allowed(String name, double[][][] s, int p) {
        boolean tls = p == 2 || p == PHASES.length - 1 && median(s[2][1]) > 0;
        double spread = Math.max(quantile(s[p][0], 0.9) - median(s[p][0]), quantile(s[p][1], 0.9) - median(s[p][1]));
        return TOLERANCE_MS * requests.get(name) + (tls ? TOLERANCE_REL_TLS : TOLERANCE_REL) * Math.max(median(s[p][0]),
                median(s[p][1])) + Math.max(0, spread);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Nearest-rank quantile, for the tails the medians hide (a stall in some rounds only). */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v[Math.min(v.length - 1, (int) Math.ceil(q * v.length) - 1)];
    }

    /** Markdown: the phase medians side by side, then the checks of the first round. */
    String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Phase medians over %d rounds (ms); allowed: %.0f ms per request + %.0f %% of the larger "
                + "(%.0f %% for TLS handshakes and their totals) + this run's scatter (the larger p90 - median):%n%n", rounds, TOLERANCE_MS, TOLERANCE_REL * 100, TOLERANCE_REL_TLS * 100));
        sb.append("| case | phase (netobs / blackbox) | netobs | blackbox | difference | allowed | p90 netobs / blackbox |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        samples.forEach((name, s) -> {
            for (int p = 0; p < PHASES.length; p++) {
                double n = median(s[p][0]);
                double b = median(s[p][1]);
                double allowed = allowed(name, s, p);
                sb.append(String.format(Locale.ROOT, "| %s | %s / %s | %.3f | %.3f | %+.3f | %s%.3f | %.3f / %.3f |%n", name,
                        PHASES[p][0], PHASES[p][1], n, b, n - b, Math.abs(n - b) <= allowed ? "" : "OUTSIDE ", allowed,
                        quantile(s[p][0], 0.9), quantile(s[p][1], 0.9)));
            }
        });
        sb.append("\nExact checks, netobs / blackbox (every round compared; first round shown):\n\n| case |");
        for (String c : CHECKS) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append("\n| ---").append(" | ---".repeat(CHECKS.length)).append(" |\n");
        firstChecks.forEach((name, checks) -> {
            sb.append("| ").append(name).append(" |");
            for (String[] c : checks) {
                sb.append(' ').append(c[0].equals(c[1]) ? c[0] : c[0] + " / " + c[1]).append(" |");
            }
            sb.append('\n');
        });
        sb.append(disagreements.isEmpty() ? "\nAll exact checks agree in every round.\n"
                : "\nDisagreements:\n" + String.join("\n", disagreements) + "\n");
        return sb.toString();
    }
}

package io.netobs.canary.probe;

import io.netobs.canary.LoopbackHttpServer;
import io.netobs.canary.Probes;
import io.netobs.canary.TestCerts;
import io.netobs.schema.CanaryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * netobs' HTTP probe and blackbox_exporter side by side, probing the same loopback servers (the JDK's
 * HTTP and HTTPS test server with the Bouncy Castle certificate, and Jetty for HTTP/2 and gzip), with
 * the same settings on both sides: IPv4, 2xx valid, the same body regex, the test CA. Each round runs
 * every case on both probes, alternating which goes first; phases are compared by their medians.
 *
 * <p>{@code producers/http-parity.sh [rounds]} runs it; {@link HttpParityIT} asserts on it.
 */
public final class HttpParity {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /**
     * The JDK's HTTP server leaves Nagle on unless told otherwise (read once, when its classes load).
     * With Nagle, the JDK server's TLS 1.3 handshake flight goes out in pieces, and JSSE (netobs' TLS)
     * sends its middlebox-compatibility ChangeCipherSpec as soon as the ServerHello arrives; the next
     * piece then waits for the client's delayed ACK: about 40 ms in half of netobs' handshakes, none of
     * Go's. That is a property of that server with Java clients, measured and documented separately; the
     * comparison runs the server without Nagle so it compares the probes.
     */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    /** One comparison: a URL, netobs' options for it, and the blackbox_exporter module that matches them. */
    record Case(String name, String url, Map<String, Object> netobs, String module) {
    }

    private HttpParity() {
    }

    static String modules(Path ca) {
        String base = "    prober: http\n    timeout: 5s\n    http:\n      preferred_ip_protocol: ip4\n      ip_protocol_fallback: false\n";
        String tls = "      tls_config:\n        ca_file: " + ca + "\n";
        String match = "      fail_if_body_not_matches_regexp: ['netobs (loopback|jetty) server']\n";
        return "modules:\n"
                + "  plain:\n" + base
                + "  tls:\n" + base + tls
                + "  match:\n" + base + match
                + "  match_tls:\n" + base + tls + match
                + "  mismatch:\n" + base + "      fail_if_body_not_matches_regexp: ['absent words']\n";
    }

    static List<Case> cases(LoopbackHttpServer http, LoopbackHttpServer https, JettyLoopbackServer jetty, Path ca) {
        Map<String, Object> plain = Map.of("valid_status_codes", List.of("2xx"), "ip_protocol", "ip4", "ip_protocol_fallback", false);
        Map<String, Object> tls = with(plain, "ca_file", ca.toString());
        String regex = "netobs (loopback|jetty) server";
        return List.of(
                new Case("HTTP/1.1 (JDK server)", http.url("/text"), with(plain, "expected_regex", regex), "match"),
                new Case("HTTP/1.1 + TLS (JDK server)", https.url("/text"), with(tls, "expected_regex", regex), "match_tls"),
                new Case("HTTP/2 + TLS, ALPN (Jetty)", jetty.httpsUrl("/text"), with(tls, "expected_regex", regex), "match_tls"),
                new Case("gzip, 20000 bytes decoded (Jetty)", jetty.url("/gzip/20000"), plain, "plain"),
                new Case("50 ms before the response (JDK)", http.url("/delay/50"), plain, "plain"),
                new Case("3 redirects (JDK)", http.url("/redirect/3"), plain, "plain"),
                new Case("404 (JDK)", http.url("/status/404"), plain, "plain"),
                new Case("body regex not found (JDK)", http.url("/text"), with(plain, "expected_regex", "absent words"), "mismatch"));
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> out = new HashMap<>(m);
        out.put(k, v);
        return out;
    }

    /**
     * Runs {@code warmup} unrecorded rounds, then {@code rounds} recorded ones. The warm-up matters for
     * netobs only: until the JIT has compiled OkHttp's and JSSE's paths a loopback request costs a few
     * tenths of a millisecond more (an agent probing all day runs warm; Go's binary has no warm-up).
     */
    static ParityReport run(Path blackbox, Path dir, int warmup, int rounds) throws Exception {
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        TestCerts certs = TestCerts.create();
        Path ca = certs.writePem(dir);
        try (LoopbackHttpServer http = LoopbackHttpServer.http();
             LoopbackHttpServer https = LoopbackHttpServer.https(certs.serverContext);
             JettyLoopbackServer jetty = new JettyLoopbackServer(certs);
             BlackboxExporter bb = BlackboxExporter.start(blackbox, dir, modules(ca))) {
            List<Case> cases = cases(http, https, jetty, ca);
            Map<String, Probe> probes = new HashMap<>();
            cases.forEach(c -> probes.put(c.name(), Probes.build("http", c.netobs())));
            ParityReport report = new ParityReport(rounds);
            for (int round = -warmup; round < rounds; round++) {
                for (Case c : cases) {
                    CanaryResult ours;
                    Map<String, Double> theirs;
                    if (round % 2 == 0) {
                        ours = Probes.run(probes.get(c.name()), c.url(), TIMEOUT).result();
                        theirs = bb.probe(c.url(), c.module());
                    } else {
                        theirs = bb.probe(c.url(), c.module());
                        ours = Probes.run(probes.get(c.name()), c.url(), TIMEOUT).result();
                    }
                    if (round >= 0) {
                        report.add(c.name(), ours, theirs);
                    }
                }
            }
            return report;
        }
    }

    /** {@code HttpParity [rounds [warm-up rounds]]}: prints the comparison; exit status 1 when an exact check disagrees. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path binary = BlackboxExporter.binary().orElseThrow(() -> new IllegalStateException(
                "blackbox_exporter not found: apt-get install " + BlackboxExporter.DEBIAN_PACKAGE + " (or set NETOBS_BLACKBOX_EXPORTER)"));
        Path dir = Files.createTempDirectory("netobs-http-parity");
        ParityReport report = run(binary, dir, warmup, rounds);
        System.out.print(report.table());
        List<String> outside = report.phaseDisagreements();
        System.out.println(outside.isEmpty() ? "All phase medians within the bound." : "Phase medians outside the bound:\n"
                + String.join("\n", outside));
        System.exit(report.checkDisagreements().isEmpty() ? 0 : 1);
    }
}

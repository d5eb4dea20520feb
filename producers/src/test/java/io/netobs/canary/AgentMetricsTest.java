package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's scrape as Prometheus sees it: every loss and refusal counter is there from 0, with help, and lints clean. */
class AgentMetricsTest {
    @TempDir
    Path tmp;

    private static String scrape(Agent agent) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + agent.httpPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private Agent agent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: a broker that is never there
        }
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", "127.0.0.1:" + port);
        Path yaml = Files.writeString(tmp.resolve("a.yml"), "spool: {dir: \"" + tmp.resolve("spool") + "\"}\n"
                + "probes:\n  - type: tcp\n    interval: 1s\n    targets: [\"127.0.0.1:9\"]\n");
        return AgentMain.launch(client, Map.of("NETOBS_AGENT_CONFIG", yaml.toString(), "NETOBS_AGENT_HTTP_PORT", "0",
                "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"));
    }

    @Test
    void shouldExportEveryLossAndRefusalCounterFromZeroWithHelp() throws Exception {
        try (Agent agent = agent()) {
            String m = scrape(agent);
            assertThat(m).contains(
                    "# HELP netobs_agent_results_dropped_total ",
                    "netobs_agent_results_dropped_total{reason=\"spool_full\"} 0.0",
                    "netobs_agent_results_dropped_total{reason=\"disk_full\"} 0.0",
                    "netobs_agent_results_dropped_total{reason=\"corrupt\"} 0.0",
                    "# HELP netobs_agent_results_refused_total ",
                    "netobs_agent_results_refused_total{reason=\"too_large\"} 0.0",
                    "netobs_agent_results_refused_total{reason=\"invalid_timestamp\"} 0.0",
                    "netobs_agent_results_refused_total{reason=\"invalid_record\"} 0.0",
                    "netobs_agent_results_refused_total{reason=\"other\"} 0.0",
                    "# HELP netobs_agent_spool_quarantined_total ",
                    "netobs_agent_spool_quarantined_total{kind=\"checkpoint\"} 0.0",
                    "netobs_agent_spool_quarantined_total{kind=\"segment\"} 0.0");
        }
    }

    @Test
    void shouldPassPromtoolCheckMetrics() throws Exception {
        Assumptions.assumeTrue(Promtool.available(), "promtool (Debian package prometheus) is not on PATH");
        try (Agent agent = agent()) {
            String m = scrape(agent);
            assertThat(m).contains("netobs_agent_results_refused_total");
            Promtool.Result r = Promtool.checkMetrics(m);
            assertThat(Promtool.problemsOutsideThirdParty(r.output())).as("promtool output:\n%s", r.output()).isEmpty();
            assertThat(r.exitCode()).as("promtool output:\n%s", r.output()).isZero();
        }
    }
}

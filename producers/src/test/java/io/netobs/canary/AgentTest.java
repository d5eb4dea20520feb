package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.canary.config.ConfigException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with no reachable broker (a closed loopback port): it keeps probing, spools, and drops beyond the bound. */
class AgentTest {
    @TempDir
    Path tmp;

    private static void await(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met in 30 s").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Properties closedBroker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", "127.0.0.1:" + port);
        return p;
    }

    @Test
    void shouldKeepProbingSpoolAndDropBeyondTheBoundWhenKafkaIsUnreachable() throws Exception {
        try (LoopbackHttpServer http = LoopbackHttpServer.http()) {
            Path yaml = Files.writeString(tmp.resolve("agent.yml"), String.join("\n", "canary_id: t", "spool:",
                    "  dir: " + tmp.resolve("spool"), "  max_bytes: 65536", "probes:",
                    "  - type: http", "    interval: 50ms", "    timeout: 40ms", "    targets:",
                    "      - " + http.url("/text?a"), "      - " + http.url("/text?b"), "      - " + http.url("/text?c"),
                    "  - type: ping", "    interval: 1s", "    targets: [127.0.0.1]", "    options: {fping_path: /nonexistent/fping}", ""));
            try (Agent agent = AgentMain.launch(closedBroker(), Map.of("NETOBS_AGENT_CONFIG", yaml.toString(),
                    "NETOBS_AGENT_HTTP_PORT", "0", "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"))) {
                HttpResponse<String> healthy = get(agent.httpPort(), "/health");
                assertThat(healthy.statusCode()).isEqualTo(200);
                assertThat(healthy.body()).contains("\"status\":\"UP\"", "fping command not found");
                await(() -> agent.spool().dropped() > 0);
                assertThat(agent.spool().bytes()).isLessThanOrEqualTo(65536);
                // A dropping episode ends at the next result the spool accepts: results differ in size, and one
                // that still fits the last bytes ends it until the next is dropped. Read /health during one.
                HttpResponse<String> full = get(agent.httpPort(), "/health");
                for (long end = System.nanoTime() + 30_000_000_000L; full.statusCode() != 503 && System.nanoTime() < end; ) {
                    Thread.sleep(20);
                    full = get(agent.httpPort(), "/health");
                }
                assertThat(full.statusCode()).isEqualTo(503);
                assertThat(full.body()).contains("\"status\":\"DOWN\"", "\"kafka\":\"unreachable\"",
                        "\"reason\":\"dropping results: spool_full\"");
                String metrics = get(agent.httpPort(), "/metrics").body();
                assertThat(metrics).contains("# HELP netobs_agent_results_dropped_total", "netobs_agent_spool_depth ",
                        "netobs_agent_probe_errors_total{probe=\"ping\",reason=\"fping_missing\"}");
                assertThat(metrics).doesNotContain("netobs_agent_results_dropped_total{reason=\"spool_full\"} 0.0")
                        .contains("netobs_agent_results_dropped_total{reason=\"disk_full\"} 0.0");
            }
        }
    }

    @Test
    void shouldFailStartUpOnBadConfigurationWithoutLeavingAnything() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("bad.yml"), "probes:\n  - type: ping\n    interval: 1s\n    timeout: 2s\n    targets: [127.0.0.1]\n");
        assertThatThrownBy(() -> AgentMain.launch(new Properties(), Map.of("NETOBS_AGENT_CONFIG", yaml.toString(),
                "NETOBS_AGENT_HTTP_PORT", "0"))).isInstanceOf(ConfigException.class).hasMessageContaining(yaml + ":4:");
        Path good = Files.writeString(tmp.resolve("good.yml"), "spool: {dir: \"" + tmp.resolve("never") + "\"}\n"
                + "probes:\n  - type: tcp\n    interval: 1s\n    targets: [\"127.0.0.1:9\"]\n");
        assertThatThrownBy(() -> AgentMain.launch(new Properties(), Map.of("NETOBS_AGENT_CONFIG", good.toString(),
                "NETOBS_AGENT_HTTP_PORT", "abc"))).isInstanceOf(ConfigException.class)
                .hasMessage("environment: NETOBS_AGENT_HTTP_PORT=abc: not an integer");
        assertThatThrownBy(() -> AgentMain.launch(new Properties(), Map.of("NETOBS_AGENT_CONFIG", good.toString(),
                "NETOBS_AGENT_HTTP_PORT", "70000"))).isInstanceOf(ConfigException.class)
                .hasMessage("environment: NETOBS_AGENT_HTTP_PORT=70000: must be within 0..65535");
        assertThat(tmp.resolve("never")).as("no spool created before the environment is valid").doesNotExist();
    }

    @Test
    void shouldServeOpenMetricsWhenAsked() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("a.yml"), "spool: {dir: \"" + tmp.resolve("s2") + "\"}\n"
                + "probes:\n  - type: tcp\n    interval: 1s\n    targets: [\"127.0.0.1:9\"]\n");
        try (Agent agent = AgentMain.launch(closedBroker(), Map.of("NETOBS_AGENT_CONFIG", yaml.toString(),
                "NETOBS_AGENT_HTTP_PORT", "0", "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"))) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + agent.httpPort() + "/metrics"))
                    .header("Accept", "application/openmetrics-text; version=1.0.0").timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
            assertThat(r.body()).endsWith("# EOF\n");
        }
    }
}

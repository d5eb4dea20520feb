package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.canary.config.AgentConfig;
import io.netobs.observability.Exposition;
import io.netobs.observability.Promtool;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's /metrics and /health as Prometheus sees them: a real agent (no broker: a closed port),
 * its HTTP app run by JavalinTest. Every loss, refusal and per-probe counter is there from 0, with help,
 * in both formats, and the text lints clean. One agent for the class (starting and stopping one takes
 * seconds); each test runs a fresh app over it.
 */
class AgentMetricsTest {
    /** Families the agent did not name: micrometer's JVM and process binders, if ever bound. */
    private static final List<String> THIRD_PARTY = List.of("jvm_", "process_", "system_");

    /** What Prometheus 2.x sends by default. */
    static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @TempDir
    static Path tmp;
    private static Agent agent;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: a broker that is never there
        }
        Properties client = new Properties();
        client.setProperty("bootstrap.servers", "127.0.0.1:" + port);
        Path yaml = Files.writeString(tmp.resolve("a.yml"), "spool: {dir: \"" + tmp.resolve("spool") + "\"}\n"
                + "probes:\n  - type: tcp\n    interval: 1s\n    targets: [\"127.0.0.1:9\"]\n");
        AgentConfig config = AgentConfig.load(Map.of("NETOBS_AGENT_CONFIG", yaml.toString()));
        agent = new Agent(config, client, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void shouldServePrometheusTextByDefaultWithEveryCounterFromZero() throws Exception {
        JavalinTest.test(agent.httpApp(), (server, client) -> {
            var resp = client.get("/metrics");
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.PROMETHEUS_TEXT);
            assertThat(resp.body().string()).contains(
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
                    "netobs_agent_spool_quarantined_total{kind=\"segment\"} 0.0",
                    // a refused loopback connection is a FAILURE at once, never a TIMEOUT
                    "# HELP netobs_agent_probes_total Probe runs by probe type and result status\n",
                    "netobs_agent_probes_total{probe=\"tcp\",status=\"TIMEOUT\"} 0.0",
                    "# TYPE netobs_agent_schedule_missed_total counter\n",
                    "# TYPE netobs_agent_schedule_lag_seconds summary\n",
                    "# TYPE netobs_agent_spool_depth gauge\n")
                    .containsPattern("netobs_agent_probes_total\\{probe=\"tcp\",status=\"(SUCCESS|ERROR)\"} ")
                    .containsPattern("netobs_agent_schedule_missed_total\\{probe=\"tcp\"} ")
                    .doesNotContain("# EOF");
        });
    }

    @Test
    void shouldServeOpenMetricsWhenPrometheusAsksForIt() throws Exception {
        JavalinTest.test(agent.httpApp(), (server, client) -> {
            var resp = client.get("/metrics", req -> req.header("Accept", PROMETHEUS_ACCEPT));
            assertThat(resp.code()).isEqualTo(200);
            assertThat(resp.headers().get("Content-Type")).containsExactly(Exposition.OPENMETRICS);
            assertThat(resp.body().string()).contains("# TYPE netobs_agent_results_dropped counter\n",
                    "netobs_agent_results_dropped_total{reason=\"spool_full\"} 0.0\n").endsWith("# EOF\n");
        });
    }

    @Test
    void shouldAnswerHealthWithTheAgentsState() throws Exception {
        JavalinTest.test(agent.httpApp(), (server, client) -> {
            var resp = client.get("/health");
            assertThat(resp.code()).isEqualTo(200); // Kafka away alone is not unhealthy: results are spooled
            assertThat(resp.headers().get("Content-Type")).first().asString().startsWith("application/json");
            assertThat(resp.body().string()).startsWith("{\"status\":\"UP\",\"canary_id\":\"canary-local-01\"")
                    .contains("\"spool_max_bytes\":104857600", "\"targets\":1");
        });
    }

    @Test
    void shouldPassPromtoolCheckMetricsOnARealScrape() throws Exception {
        Assumptions.assumeTrue(Promtool.available(), "promtool (Debian package prometheus) is not on PATH");
        JavalinTest.test(agent.httpApp(), (server, client) -> {
            String m = client.get("/metrics").body().string();
            assertThat(m).contains("netobs_agent_results_refused_total", "netobs_agent_probes_total");
            Promtool.Result r = Promtool.checkMetrics(m);
            assertThat(Promtool.problemsOutside(r.output(), THIRD_PARTY)).as("promtool output:\n%s", r.output()).isEmpty();
            assertThat(r.exitCode()).as("promtool output:\n%s", r.output()).isZero();
        });
    }
}

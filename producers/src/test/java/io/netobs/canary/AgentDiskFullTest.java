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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with its spool on a real, full 256 KiB tmpfs: it keeps probing, counts every drop, and /health says so. */
class AgentDiskFullTest {
    @TempDir
    Path tmp;

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not in 30 s: %s", what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double probes(Agent a) {
        return a.metrics().registry().find("netobs.agent.probes").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void shouldKeepProbingCountDropsAndReport503UntilTheDiskHasRoomAgain() throws Exception {
        try (TinyFilesystem fs = TinyFilesystem.mount(tmp.resolve("mnt"), 256);
             LoopbackHttpServer http = LoopbackHttpServer.http()) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", "127.0.0.1:" + port); // no broker: everything stays in the spool
            Path yaml = Files.writeString(tmp.resolve("agent.yml"), String.join("\n", "canary_id: t", "spool:",
                    "  dir: " + fs.path().resolve("spool"), "probes:",
                    "  - type: http", "    interval: 50ms", "    timeout: 40ms", "    targets:",
                    "      - " + http.url("/text?a"), "      - " + http.url("/text?b"), "      - " + http.url("/text?c"), ""));
            try (Agent agent = AgentMain.launch(client, Map.of("NETOBS_AGENT_CONFIG", yaml.toString(),
                    "NETOBS_AGENT_HTTP_PORT", "0", "NETOBS_AGENT_HTTP_HOST", "127.0.0.1"))) {
                assertThat(get(agent.httpPort(), "/health").statusCode()).isEqualTo(200);
                Path filler = fs.fill(24);
                await("results dropped for disk_full", () -> agent.spool().drops().count("disk_full") >= 5);
                HttpResponse<String> down = get(agent.httpPort(), "/health");
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"status\":\"DOWN\"", "\"reason\":\"dropping results: disk_full\"");
                String metrics = get(agent.httpPort(), "/metrics").body();
                assertThat(metrics).contains("netobs_agent_results_dropped_total{reason=\"spool_full\"} 0.0")
                        .doesNotContain("netobs_agent_results_dropped_total{reason=\"disk_full\"} 0.0");
                double before = probes(agent);
                long dropped = agent.spool().drops().count("disk_full");
                await("probing goes on while the disk is full", () -> probes(agent) >= before + 10
                        && agent.spool().drops().count("disk_full") >= dropped + 10);

                Files.delete(filler);
                await("/health back to 200 once appends succeed", () -> {
                    try {
                        return get(agent.httpPort(), "/health").statusCode() == 200;
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                long depth = agent.spool().depth();
                await("results spooled again", () -> agent.spool().depth() > depth);
            }
        }
    }
}

package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netobs.infra.fixture.PipelineFixture;
import io.netobs.infra.run.RunPorts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Prometheus and Alertmanager binaries (Debian packages prometheus, prometheus-alertmanager) on loopback
 * ports, running the shipped infra/prometheus and infra/alertmanager files through {@link StackOverride}, scraping the
 * shared pipeline, with a {@link WebhookReceiver} behind every Alertmanager receiver.
 */
final class MonitoringStack implements AutoCloseable {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    final TimeScale scale;
    final WebhookReceiver webhook;
    final PrometheusApi prometheus;
    final AlertmanagerApi alertmanager;
    final Instant started;
    private final ToolProcess prometheusProcess;
    private final ToolProcess alertmanagerProcess;

    private MonitoringStack(TimeScale scale, WebhookReceiver webhook, ToolProcess am, ToolProcess prom) {
        this.scale = scale;
        this.webhook = webhook;
        this.alertmanagerProcess = am;
        this.prometheusProcess = prom;
        this.prometheus = new PrometheusApi(prom.port);
        this.alertmanager = new AlertmanagerApi(am.port);
        this.started = Instant.now();
    }

    /** Skips the calling test, naming the packages, when the binaries are not installed. */
    static void assumeInstalled() {
        ToolProcess.require("prometheus", "prometheus");
        ToolProcess.require("prometheus-alertmanager", "alertmanager", "prometheus-alertmanager");
    }

    /**
     * @param infra              the infra module directory (shipped files)
     * @param extraStreamsRelabel relabel rules the test appends for its own targets
     */
    static MonitoringStack start(PipelineFixture pipeline, Path infra, TimeScale scale, Path dir,
                                 List<ObjectNode> extraStreamsRelabel) throws Exception {
        Path prometheusBinary = ToolProcess.require("prometheus", "prometheus");
        Path alertmanagerBinary = ToolProcess.require("prometheus-alertmanager", "alertmanager", "prometheus-alertmanager");
        StackOverride override = new StackOverride(scale);
        int amPort = RunPorts.freeTcpPort();
        int promPort = RunPorts.freeTcpPort();
        WebhookReceiver webhook = new WebhookReceiver();
        ToolProcess am = null;
        try {
            Path amConfig = write(dir.resolve("alertmanager.yml"),
                    override.alertmanager(YAML.readTree(infra.resolve("alertmanager/alertmanager.yml").toFile()), webhook.baseUrl()));
            am = ToolProcess.start("alertmanager", alertmanagerBinary, amPort, dir, READY_WITHIN,
                    "--config.file=" + amConfig, "--storage.path=" + dir.resolve("alertmanager-data"),
                    "--web.listen-address=127.0.0.1:" + amPort,
                    // No HA gossip: it would listen on all interfaces.
                    "--cluster.listen-address=");
            Path rules = Files.createDirectories(dir.resolve("rules"));
            try (Stream<Path> shipped = Files.list(infra.resolve("prometheus/rules"))) {
                for (Path file : shipped.filter(p -> p.toString().endsWith(".yml")).toList()) {
                    write(rules.resolve(file.getFileName()), override.rules(YAML.readTree(file.toFile())));
                }
            }
            Map<String, String> targets = Map.of(
                    "streams-app", "127.0.0.1:" + pipeline.streamsHttpPort(),
                    "canary-agent", "127.0.0.1:" + pipeline.agentHttpPort(),
                    "bgp-ingest", "127.0.0.1:" + pipeline.ingestHttpPort(),
                    "prometheus", "127.0.0.1:" + promPort,
                    "alertmanager", "127.0.0.1:" + amPort);
            Path promConfig = write(dir.resolve("prometheus.yml"), override.prometheus(
                    YAML.readTree(infra.resolve("prometheus/prometheus.yml").toFile()), targets, "127.0.0.1:" + amPort,
                    rules.resolve("*.yml").toString(), extraStreamsRelabel));
            ToolProcess prom = ToolProcess.start("prometheus", prometheusBinary, promPort, dir, READY_WITHIN,
                    "--config.file=" + promConfig, "--storage.tsdb.path=" + dir.resolve("prometheus-data"),
                    "--web.listen-address=127.0.0.1:" + promPort);
            return new MonitoringStack(scale, webhook, am, prom);
        } catch (Exception | Error e) {
            if (am != null) {
                am.close();
            }
            webhook.close();
            throw e;
        }
    }

    private static Path write(Path file, JsonNode content) throws IOException {
        YAML.writeValue(file.toFile(), content);
        return file;
    }

    /** For failure messages: the end of both servers' logs. */
    String logs() {
        return "--- prometheus:\n" + prometheusProcess.logTail() + "\n--- alertmanager:\n" + alertmanagerProcess.logTail();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            prometheusProcess.close();
        } finally {
            try {
                alertmanagerProcess.close();
            } finally {
                webhook.close();
            }
        }
    }
}

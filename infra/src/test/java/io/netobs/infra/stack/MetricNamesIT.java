package io.netobs.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.infra.run.EmbeddedRun;
import io.netobs.infra.run.RunPorts;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Every metric name the dashboards and rules read is exposed by the real pipeline: the embedded runner (broker, streams
 * app, canary agent with the default probes plus an HTTPS target (see {@link ItAgentConfig}), BGP ingester, offline)
 * gets one unparseable record (for the dead-letter counter), and the three
 * /metrics endpoints are scraped until canary and BGP series appear and every used name shows up, or the deadline passes.
 * Families without series are not exposed, so a name the offline run never produces fails here: that is the point.
 */
class MetricNamesIT {
    /** Window results need a closed window (1 minute + 30 s grace by default), so allow a few of them. */
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyNameUsedByDashboardsAndRulesIsInARealScrape(@TempDir Path workDir) throws Exception {
        Map<String, String> used = UsedMetricNames.collect();
        Map<String, String> env = RunPorts.offlineEnv();
        env.put("NETOBS_RPKI_VRP_FILE", writeVrps(workDir).toString());

        try (ItAgentConfig agent = ItAgentConfig.write(workDir, RunPorts.freeTcpPort());
             EmbeddedRun run = EmbeddedRun.start(workDir, withAgentConfig(env, agent.file))) {
            sendUnparseableResult(run.bootstrapServers());
            sendHijack(run.bootstrapServers());
            int[] ports = {run.streamsHttpPort(), run.agentHttpPort(), run.ingestHttpPort()};
            Instant deadline = Instant.now().plus(DEADLINE);
            Set<String> exposed = new TreeSet<>();
            Map<String, String> missing = new TreeMap<>(used);
            Map<Integer, String> problems = new TreeMap<>();
            boolean pipelineFlowing = false;
            while (Instant.now().isBefore(deadline)) {
                exposed.clear();
                problems.clear();
                StringBuilder streams = new StringBuilder();
                for (int port : ports) {
                    String body = scrape(port, problems);
                    if (port == ports[0]) {
                        streams.append(body);
                    }
                    exposed.addAll(ExpositionNames.of(body));
                }
                pipelineFlowing = streams.indexOf("\ncanary_status_total{") >= 0 && streams.indexOf("\nbgp_prefix_visible_peers{") >= 0;
                missing.clear();
                used.forEach((name, source) -> {
                    if (!UsedMetricNames.SYNTHETIC.contains(name) && !PromQlNames.exposed(name, exposed)) {
                        missing.put(name, source);
                    }
                });
                if (pipelineFlowing && missing.isEmpty()) {
                    break;
                }
                TimeUnit.SECONDS.sleep(2); // poll interval, not a wait for a result
            }
            System.out.printf("MetricNamesIT: %d names used by rules and dashboards, %d names exposed by the pipeline%n",
                    used.size(), exposed.size());
            assertThat(missing).as("names used by rules/dashboards but not exposed (name -> first use); "
                    + "last scrape problems (port -> problem): " + problems).isEmpty();
            assertThat(pipelineFlowing).as("canary and BGP series on the streams app within " + DEADLINE).isTrue();
        }
    }

    private static Map<String, String> withAgentConfig(Map<String, String> env, Path agentConfig) {
        Map<String, String> out = new HashMap<>(env);
        out.put("NETOBS_AGENT_CONFIG", agentConfig.toString());
        return out;
    }

    /**
     * The dead-letter counter only exists once something was dead-lettered, and the dead-letter alert and panels read
     * it: feed the pipeline one record that is not JSON, as a broken producer would.
     */
    private static void sendUnparseableResult(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, "metric-names-it".getBytes(StandardCharsets.UTF_8),
                    "this is not JSON".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }

    /** One ROA for the seed's 1.1.1.0/24 (AS13335, rpki-client layout), so routes get an RPKI state. */
    private static Path writeVrps(Path workDir) throws IOException {
        Path file = workDir.resolve("vrps.json");
        Files.writeString(file, "{\"roas\": [{\"asn\": \"AS13335\", \"prefix\": \"1.1.1.0/24\", \"maxLength\": 24, \"ta\": \"test\"}]}");
        return file;
    }

    /**
     * The BGP event families exist only once an event opened, and the hijack and RPKI alerts read them: two peers
     * (infra/config/prefixes.yml asks for minPeers 2) announce 1.1.1.0/24 from an origin that is neither expected
     * nor covered by the ROA, which opens ORIGIN_HIJACK and RPKI_INVALID.
     */
    private static void sendHijack(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, BgpUpdate> producer = new KafkaProducer<>(props, new StringSerializer(),
                PayloadSerdes.BGP_UPDATE.serializer())) {
            for (int peer = 1; peer <= 2; peer++) {
                BgpUpdate hijack = new BgpUpdate(BgpUpdate.SCHEMA_VERSION, now, "rrc00", "ris", "192.0.2." + peer, 64500 + peer,
                        BgpUpdate.Kind.ANNOUNCE, "1.1.1.0/24", List.of(64500L + peer, 64666L), null, List.of(64666L),
                        "192.0.2." + peer, null, "metric-names-it");
                producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, now, hijack.prefix(), hijack)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The exposition, or "" with the reason recorded in {@code problems}. */
    private static String scrape(int port, Map<Integer, String> problems) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain; version=0.0.4").GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return response.body();
            }
            String body = response.body();
            problems.put(port, "HTTP " + response.statusCode() + ": " + body.substring(0, Math.min(300, body.length())));
        } catch (IOException e) {
            problems.put(port, e.toString()); // not listening yet, or failing
        }
        return "";
    }

}

package io.netobs.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netobs.canary.probe.Commands;
import io.netobs.infra.run.EmbeddedRun;
import io.netobs.infra.run.RunPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link StatusPageIT} needs from a running pipeline, here an offline embedded run of its own on free
 * loopback ports: the shipped agent targets plus a {@link LoopbackService} of the IT's, probed every 2 s, and
 * the shipped prefixes plus one of the IT's ({@link #PREFIX}) to hijack. The IT touches nothing else, so it can
 * move onto a shared pipeline that offers the same (its own probed service and a prefix of its own). Where
 * traceroute or mtr is installed, the shipped traceroute probes (every 5 minutes) give way to one of the IT's,
 * of {@link #TRACED} every {@link #TRACE_INTERVAL}, so a path is there within seconds.
 */
final class OwnPipeline implements AutoCloseable {
    /** TEST-NET-2 (RFC 5737): in no recording, so only this IT's announcements touch it. */
    static final String PREFIX = "198.51.100.0/24";
    static final long EXPECTED_ORIGIN = 64510;
    /** Short windows keep the IT short: a chart has points once the first window closed (size + grace). */
    static final Duration WINDOW = Duration.ofSeconds(20);
    /** Whether the agent can trace here (its traceroute probe's tool: auto picks either). */
    static final boolean TRACES = Commands.locate("traceroute").isPresent() || Commands.locate("mtr").isPresent();
    static final String TRACED = "127.0.0.1";
    static final Duration TRACE_INTERVAL = Duration.ofSeconds(5);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final LoopbackService service;
    final EmbeddedRun run;

    private OwnPipeline(LoopbackService service, EmbeddedRun run) {
        this.service = service;
        this.run = run;
    }

    static OwnPipeline start(Path workDir) throws Exception {
        LoopbackService service = new LoopbackService("/statuspage-it");
        try {
            Map<String, String> env = RunPorts.offlineEnv();
            env.put("NETOBS_WINDOW_SIZE", WINDOW.toString());
            env.put("NETOBS_WINDOW_GRACE", "PT2S");
            env.put("NETOBS_AGENT_CONFIG", agentConfig(workDir, service).toString());
            env.put("NETOBS_BGP_CONFIG", prefixes(workDir).toString());
            return new OwnPipeline(service, EmbeddedRun.start(workDir, env));
        } catch (Exception | Error e) {
            service.close();
            throw e;
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + run.streamsHttpPort() + "/";
    }

    private static Path agentConfig(Path workDir, LoopbackService service) throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(Files.readString(repoFile("infra/config/agent.yml")));
        root.withObject("/spool").put("dir", workDir.resolve("agent-spool").toString());
        ArrayNode probes = (ArrayNode) root.withArray("/probes");
        probes.addObject().put("type", "http").put("interval", "2s")
                .put("timeout", "1s").putArray("targets").add(service.url());
        if (TRACES) {
            // Replaced, not added: the agent refuses a (type, target) configured twice.
            for (int i = probes.size() - 1; i >= 0; i--) {
                if ("traceroute".equals(probes.get(i).path("type").asText())) {
                    probes.remove(i);
                }
            }
            probes.addObject().put("type", "traceroute").put("interval", TRACE_INTERVAL.toSeconds() + "s")
                    .put("timeout", (TRACE_INTERVAL.toSeconds() - 1) + "s").putArray("targets").add(TRACED);
        }
        Path file = workDir.resolve("agent-statuspage-it.yml");
        YAML.writeValue(file.toFile(), root);
        return file;
    }

    /** The shipped prefixes.yml with {@link #PREFIX} inserted before its options block. */
    private static Path prefixes(Path workDir) throws IOException {
        String shipped = Files.readString(repoFile("infra/config/prefixes.yml"));
        int options = shipped.indexOf("\noptions:");
        if (options < 0) {
            throw new IllegalStateException("infra/config/prefixes.yml has no top-level options block");
        }
        String own = "\n" + PREFIX + ":\n  description: status page IT\n  asn: " + EXPECTED_ORIGIN
                + "\n  group: statuspage-it\n";
        Path file = workDir.resolve("prefixes-statuspage-it.yml");
        Files.writeString(file, shipped.substring(0, options) + own + shipped.substring(options));
        return file;
    }

    /** A repository file, from the infra module's directory (failsafe's working directory) or the root. */
    private static Path repoFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("cannot find " + relative + " above " + Path.of("").toAbsolutePath());
    }

    @Override
    public void close() {
        run.close();
        service.close();
    }
}

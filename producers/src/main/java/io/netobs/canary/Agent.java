package io.netobs.canary;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.publish.Spool;
import io.netobs.canary.publish.SpoolProducers;
import io.netobs.canary.publish.SpoolSender;
import io.netobs.observability.Health;
import io.netobs.observability.OpsEndpoint;
import io.netobs.schema.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running agent: scheduler, spool, sender, and its {@code /metrics} and {@code /health} app
 * ({@link OpsEndpoint}), which {@link #serve} starts. {@link #close()} stops probing first, then lets
 * the sender deliver what it can for a few seconds; anything left stays in the spool and is
 * delivered by the next start.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final AgentMetrics metrics;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Spool spool;
    private final SpoolSender sender;
    private final Scheduler scheduler;
    private final PrometheusMeterRegistry registry;
    private volatile Javalin http;
    private volatile boolean closed;

    /** Starts probing and delivery; nothing listens until {@link #serve} is called. */
    Agent(AgentConfig config, Properties producerClient, PrometheusMeterRegistry registry) throws Exception {
        this.config = config;
        this.registry = registry;
        this.metrics = new AgentMetrics(registry);
        for (AgentConfig.ProbeGroup g : config.groups()) {
            g.probe().unavailableReason().ifPresent(r -> {
                unavailable.put(g.type(), r);
                LOG.warn("{} probes cannot run on this machine: {}. Their results will be ERROR with this reason.", g.type(), r);
            });
        }
        spool = Spool.open(config.spoolDir(), config.spoolMaxBytes());
        try {
            metrics.bindSpool(spool);
            metrics.bindProbes(config.groups().stream().map(AgentConfig.ProbeGroup::type).distinct().toList());
            sender = new SpoolSender(spool, config.topic(), SpoolProducers.kafka(producerClient), metrics::published, 2000);
            metrics.bindSender(sender);
            sender.start();
            scheduler = new Scheduler(config, new SpoolingSink(spool, config.topic()), metrics).start();
        } catch (Exception e) {
            spool.close();
            throw e;
        }
        LOG.info("canary agent {} (pop {}) started from {}: {} targets, topic {}, spool {} (max {} bytes)",
                config.canaryId(), config.pop(), config.source(), config.targetCount(), config.topic(), config.spoolDir(),
                config.spoolMaxBytes());
    }

    /** Starts {@code /metrics} and {@code /health} on {@code host:port} (0 = any free port). */
    Agent serve(String host, int port) {
        Javalin app = httpApp();
        app.start(host, port);
        http = app;
        LOG.info("canary agent {}: /metrics and /health on {}:{}", config.canaryId(), host, app.port());
        return this;
    }

    /** A new, unstarted {@code /metrics} and {@code /health} app: {@link #serve} starts one, tests run one with JavalinTest. */
    Javalin httpApp() {
        return OpsEndpoint.create("netobs-agent-http", registry, this::health);
    }

    Health health() {
        Map<String, Object> body = new LinkedHashMap<>();
        // Unreachable Kafka alone is not unhealthy (results are spooled); dropping results is. A refused
        // record is reported but is not unhealthy: it is saved, and the results behind it flow.
        String dropping = spool.drops().dropping();
        boolean healthy = !closed && dropping == null;
        body.put("status", healthy ? "UP" : "DOWN");
        if (dropping != null) {
            body.put("reason", "dropping results: " + dropping);
        }
        body.put("canary_id", config.canaryId());
        body.put("kafka", sender.brokerReachable() ? "reachable" : "unreachable");
        body.put("spool_depth", spool.depth());
        body.put("spool_bytes", spool.bytes());
        body.put("spool_max_bytes", spool.maxBytes());
        body.put("results_dropped", spool.dropped());
        body.put("results_dropped_by_reason", spool.drops().counts());
        body.put("results_refused", sender.refused());
        if (sender.lastRefused() != null) {
            body.put("last_refused", sender.lastRefused());
            body.put("refused_file", sender.refusedFile().toString());
        }
        body.put("spool_quarantined", Map.of("checkpoint", spool.quarantinedCheckpoints(), "segment", spool.quarantinedRegions()));
        body.put("targets", config.targetCount());
        body.put("unavailable_probes", unavailable);
        try {
            return new Health(healthy, Json.MAPPER.writeValueAsString(body));
        } catch (Exception e) {
            return new Health(false, "{\"status\":\"DOWN\"}");
        }
    }

    /** The port {@link #serve} listens on. */
    public int httpPort() {
        Javalin app = http;
        if (app == null) {
            throw new IllegalStateException("the agent's HTTP port is not started");
        }
        return app.port();
    }

    public Spool spool() {
        return spool;
    }

    public SpoolSender sender() {
        return sender;
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public AgentConfig config() {
        return config;
    }

    /** Stops probing and delivery; stops adding to the spool before the sender stops reading it. */
    public void stopProbing() {
        scheduler.close();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.close();
        try {
            sender.awaitDrained(java.time.Duration.ofSeconds(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
        Javalin app = http;
        if (app != null) {
            app.stop();
        }
        spool.close();
        LOG.info("canary agent {} stopped; {} results left in the spool for the next start", config.canaryId(), spool.depth());
    }
}

package io.netobs.bgp.ingest;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.Env;
import io.netobs.schema.KafkaSettings;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the BGP ingester. {@code launch} starts it (live RIS Live, or the offline replay
 * loop with {@code NETOBS_BGP_SOURCE=replay}) with /metrics and /health on
 * {@code NETOBS_INGEST_HTTP_PORT}; {@code main} runs it until Ctrl-C, or with {@code replay <file>...}
 * publishes archives once (see {@link ReplayCli}).
 */
public final class IngestMain {
    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);
    /** The seed's PREFIXES_TO_MONITOR default, used when NETOBS_BGP_CONFIG is not set. */
    static final List<String> SEED_PREFIXES = List.of("1.1.1.0/24", "8.8.8.0/24");
    public static final String ENV_HTTP_HOST = "NETOBS_INGEST_HTTP_HOST";
    public static final String ENV_HTTP_PORT = "NETOBS_INGEST_HTTP_PORT";
    public static final String DEFAULT_HTTP_HOST = "0.0.0.0";
    public static final int DEFAULT_HTTP_PORT = 9102;

    private IngestMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && "replay".equals(args[0])) {
            System.exit(ReplayCli.run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.out));
        }
        Handle handle = launch(KafkaSettings.fromEnv(System.getenv()), System.getenv());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handle.close();
            done.countDown();
        }, "bgp-ingest-shutdown"));
        done.await();
    }

    /**
     * Starts the ingester with its own registry (so components sharing a JVM each serve only their own
     * series). Every setting is read before anything starts: a bad one throws {@link Env.InvalidValue}
     * (an {@link IllegalArgumentException}) naming the variable, and nothing is left running.
     */
    public static Handle launch(Properties kafkaClientProps, Map<String, String> env) throws Exception {
        Env e = new Env(env);
        String source = e.choice("NETOBS_BGP_SOURCE", "ris-live", IngestMetrics.SOURCES);
        String host = e.string(ENV_HTTP_HOST, DEFAULT_HTTP_HOST);
        int port = e.integer(ENV_HTTP_PORT, DEFAULT_HTTP_PORT, 0, 65535);
        boolean live = source.equals("ris-live");
        RisLiveConfig cfg = live ? RisLiveConfig.fromEnv(env) : null;
        List<String> prefixes = live ? prefixes(env) : List.of();
        long unhealthyAfter = e.millis("NETOBS_RIS_UNHEALTHY_AFTER_MS", Duration.ofMinutes(2)).toMillis();
        List<ReplayLoop.Recording> recordings = live ? List.of() : ReplayLoop.fromEnv(env);
        double speed = e.decimal("NETOBS_BGP_REPLAY_SPEED", 1, 0.001, 1_000_000);
        long maxGap = e.millis("NETOBS_BGP_REPLAY_MAX_GAP_MS", Duration.ofSeconds(5)).toMillis();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry, System::currentTimeMillis);
        // Rules need the mode: connected == 0 is an outage only when the source is ris-live.
        metrics.setSource(source);
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            KafkaPublisher publisher = new KafkaPublisher(kafkaClientProps, metrics);
            parts.add(publisher);
            FrameRouter router = new FrameRouter(publisher, metrics);
            BooleanSupplier up;
            if (live) {
                FramePump pump = new FramePump(cfg.queueCapacity(), router, metrics);
                parts.add(0, pump);
                RisLiveClient client = new RisLiveClient(cfg, prefixes, pump::offer, metrics);
                parts.add(0, client);
                client.start();
                LOG.info("bgp-ingest: RIS Live {} for {} prefixes", cfg.url(), prefixes.size());
                // A short disconnection is normal (RIS Live restarts); only a long one is unhealthy.
                up = () -> pump.alive() && (metrics.connected() || metrics.msInConnectionState() < unhealthyAfter);
            } else {
                ReplayLoop loop = new ReplayLoop(recordings, router, speed, maxGap);
                parts.add(0, loop);
                loop.start();
                LOG.info("bgp-ingest: offline replay loop (speed {}, gaps capped at {} ms)", speed, maxGap);
                up = loop::alive;
            }
            Javalin http = HttpEndpoint.create(registry, metrics, source, up).start(host, port);
            parts.add(http::stop);
            LOG.info("bgp-ingest: /metrics and /health on {}:{}", host, http.port());
            return new Handle(parts, metrics, http.port());
        } catch (Exception | Error failed) {
            new Handle(parts, metrics, -1).close();
            throw failed;
        }
    }

    static List<String> prefixes(Map<String, String> env) {
        String file = new Env(env).string("NETOBS_BGP_CONFIG", null);
        if (file == null) {
            LOG.warn("NETOBS_BGP_CONFIG not set: subscribing to the seed's default prefixes {}", SEED_PREFIXES);
            return SEED_PREFIXES;
        }
        return MonitoredPrefixes.load(Path.of(file)).monitored().stream().map(p -> p.prefix().toString()).toList();
    }

    /** The running ingester; {@link #close()} stops the source first, then drains to Kafka, then HTTP. */
    public static final class Handle implements AutoCloseable {
        private final List<AutoCloseable> parts;
        private final IngestMetrics metrics;
        private final int httpPort;

        Handle(List<AutoCloseable> parts, IngestMetrics metrics, int httpPort) {
            this.parts = parts;
            this.metrics = metrics;
            this.httpPort = httpPort;
        }

        public int httpPort() {
            return httpPort;
        }

        public IngestMetrics metrics() {
            return metrics;
        }

        @Override
        public void close() {
            for (AutoCloseable p : parts) {
                try {
                    p.close();
                } catch (Exception e) {
                    LOG.warn("bgp-ingest: closing {} failed: {}", p.getClass().getSimpleName(), e.toString());
                }
            }
        }
    }
}

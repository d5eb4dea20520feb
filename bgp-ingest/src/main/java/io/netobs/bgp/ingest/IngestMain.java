package io.netobs.bgp.ingest;

import io.netobs.schema.KafkaSettings;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
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

    public static Handle launch(Properties kafkaClientProps, Map<String, String> env) throws Exception {
        String source = env.getOrDefault("NETOBS_BGP_SOURCE", "ris-live").trim().toLowerCase(Locale.ROOT);
        if (!source.equals("ris-live") && !source.equals("replay")) {
            throw new IllegalArgumentException("NETOBS_BGP_SOURCE must be ris-live or replay, got '" + source + "'");
        }
        String host = env.getOrDefault("NETOBS_INGEST_HTTP_HOST", "0.0.0.0");
        int port = (int) RisLiveConfig.number(env, "NETOBS_INGEST_HTTP_PORT", 9102);
        IngestMetrics metrics = new IngestMetrics(System::currentTimeMillis);
        // Rules need the mode: connected == 0 is an outage only when the source is ris-live.
        metrics.setSource(source);
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            KafkaPublisher publisher = new KafkaPublisher(kafkaClientProps, metrics);
            parts.add(publisher);
            FrameRouter router = new FrameRouter(publisher, metrics);
            java.util.function.Supplier<HttpEndpoint.Health> health;
            if (source.equals("ris-live")) {
                RisLiveConfig cfg = RisLiveConfig.fromEnv(env);
                List<String> prefixes = prefixes(env);
                long unhealthyAfter = RisLiveConfig.number(env, "NETOBS_RIS_UNHEALTHY_AFTER_MS", 120_000);
                FramePump pump = new FramePump(cfg.queueCapacity(), router, metrics);
                parts.add(0, pump);
                RisLiveClient client = new RisLiveClient(cfg, prefixes, pump::offer, metrics);
                parts.add(0, client);
                client.start();
                LOG.info("bgp-ingest: RIS Live {} for {} prefixes", cfg.url(), prefixes.size());
                // A short disconnection is normal (RIS Live restarts); only a long one is unhealthy.
                health = () -> state(source, metrics, pump.alive()
                        && (metrics.connected() || metrics.msInConnectionState() < unhealthyAfter));
            } else {
                double speed = Double.parseDouble(env.getOrDefault("NETOBS_BGP_REPLAY_SPEED", "1"));
                long maxGap = RisLiveConfig.number(env, "NETOBS_BGP_REPLAY_MAX_GAP_MS", 5_000);
                ReplayLoop loop = new ReplayLoop(ReplayLoop.fromEnv(env), router, speed, maxGap);
                parts.add(0, loop);
                loop.start();
                LOG.info("bgp-ingest: offline replay loop (speed {}, gaps capped at {} ms)", speed, maxGap);
                health = () -> state(source, metrics, loop.alive());
            }
            HttpEndpoint http = new HttpEndpoint(host, port, metrics, health);
            parts.add(http);
            LOG.info("bgp-ingest: /metrics and /health on {}:{}", host, http.port());
            return new Handle(parts, metrics, http.port());
        } catch (Exception | Error e) {
            new Handle(parts, metrics, -1).close();
            throw e;
        }
    }

    static List<String> prefixes(Map<String, String> env) {
        String file = env.get("NETOBS_BGP_CONFIG");
        if (file == null || file.isBlank()) {
            LOG.warn("NETOBS_BGP_CONFIG not set: subscribing to the seed's default prefixes {}", SEED_PREFIXES);
            return SEED_PREFIXES;
        }
        return MonitoredPrefixes.load(Path.of(file)).monitored().stream().map(p -> p.prefix().toString()).toList();
    }

    private static HttpEndpoint.Health state(String source, IngestMetrics m, boolean ok) {
        String body = String.format(Locale.ROOT,
                "{\"status\":\"%s\",\"source\":\"%s\",\"connected\":%s,\"seconds_since_last_message\":%.3f,"
                        + "\"frames\":{\"published\":%d,\"dead_letter\":%d,\"ignored\":%d},\"records\":%d}",
                ok ? "UP" : "DOWN", source, m.connected(), m.secondsSinceLastMessage(),
                m.framesPublished(), m.framesDeadLetter(), m.framesIgnored(), m.recordsPublished());
        return new HttpEndpoint.Health(ok, body);
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

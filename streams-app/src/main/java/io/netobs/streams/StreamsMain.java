package io.netobs.streams;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.KafkaSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owns the lifecycle: Streams client, metrics registry, HTTP server, in that order up and reverse down. */
public final class StreamsMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMain.class);

    private StreamsMain() {
    }

    public static void main(String[] args) throws Exception {
        AutoCloseable app = launch(KafkaSettings.fromEnv(System.getenv()), System.getenv());
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                app.close();
            } catch (Exception e) {
                LOG.error("error during shutdown", e);
            } finally {
                done.countDown();
            }
        }, "netobs-streams-shutdown"));
        done.await();
    }

    /** Starts Streams and the HTTP API (non-blocking) and returns a handle that stops both. */
    public static AutoCloseable launch(Properties kafkaClientProps, Map<String, String> env) throws Exception {
        return launch(kafkaClientProps, AppConfig.fromEnv(env));
    }

    public static AutoCloseable launch(Properties kafkaClientProps, AppConfig cfg) throws Exception {
        DeadLetterCounts deadLetters = new DeadLetterCounts();
        KafkaStreams streams = new KafkaStreams(NetobsTopology.build(cfg),
                StreamsSettings.of(kafkaClientProps, cfg, deadLetters));
        streams.setUncaughtExceptionHandler(e -> {
            // An exception here escaped every handler (a bug or a broker refusing the transaction):
            // replacing the thread would replay the same record forever, so stop and let /health say so.
            LOG.error("stream thread died; shutting this client down", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        registry.getPrometheusRegistry().register(new CanaryMetrics(LocalStores.of(streams), deadLetters));
        cfg.bgp().ifPresent(bgp -> registry.getPrometheusRegistry().register(bgp.metrics(streams)));

        InteractiveQueries queries = new InteractiveQueries(streams, HostInfo.buildFromEndpoint(cfg.applicationServer()));
        Javalin http = HttpApi.create(new HttpApi.Deps(registry, streams::state, queries, queries.local()));
        streams.start();
        http.start(cfg.httpPort());
        LOG.info("netobs streams app {} started; HTTP on port {}", cfg.applicationId(), http.port());

        return () -> {
            http.stop();
            streams.close(Duration.ofSeconds(30));
            streamsMetrics.close();
            gc.close();
            registry.close();
            if (cfg.bgp().isPresent()) {
                cfg.bgp().get().close();
            }
            LOG.info("netobs streams app {} stopped", cfg.applicationId());
        };
    }
}

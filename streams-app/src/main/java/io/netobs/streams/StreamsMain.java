package io.netobs.streams;

import io.javalin.Javalin;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.KafkaSettings;
import io.netobs.schema.Topics;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.http.HttpApi;
import io.netobs.streams.http.InteractivePrefixQueries;
import io.netobs.streams.http.InteractiveQueries;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.http.LocalTargets;
import io.netobs.streams.http.PrefixQueries;
import io.netobs.streams.metrics.CanaryMetrics;
import io.netobs.streams.metrics.PipelineMetrics;
import io.netobs.streams.path.PathMetrics;
import io.netobs.streams.path.PathNames;
import io.netobs.streams.state.RestoreTracker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import java.util.function.Consumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the lifecycle: Streams client, metrics registry, HTTP server, in that order up and reverse
 * down. A client that reaches ERROR cannot go on: the process says why and exits non-zero, so a
 * supervisor (systemd, Kubernetes, compose's restart policy) starts a fresh one.
 */
public final class StreamsMain {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsMain.class);
    /** Exit status of a streams process whose client failed. */
    public static final int EXIT_STREAMS_FAILED = 70;

    private StreamsMain() {
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<String> fatal = new CompletableFuture<>();
        AutoCloseable app = launch(KafkaSettings.fromEnv(System.getenv()), AppConfig.fromEnv(System.getenv()),
                fatal::complete);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(app), "netobs-streams-shutdown"));
        String why = fatal.get(); // blocks until the client fails; a clean stop goes through the hook
        LOG.error("netobs streams app stopping: {}", why);
        closeQuietly(app);
        System.exit(EXIT_STREAMS_FAILED);
    }

    private static void closeQuietly(AutoCloseable app) {
        try {
            app.close();
        } catch (Exception e) {
            LOG.error("error during shutdown", e);
        }
    }

    /**
     * Starts Streams and the HTTP API (non-blocking) and returns a handle that stops both (more than
     * once is harmless).
     *
     * @param onFatal called once, on another thread, with the reason when a stream thread dies or the
     *                Streams client reaches ERROR; the caller decides how the process ends
     */
    public static AutoCloseable launch(Properties kafkaClientProps, AppConfig settings, Consumer<String> onFatal)
            throws Exception {
        AppConfig cfg = settings.withInputPartitions(partitionsOf(kafkaClientProps, Topics.CANARY_RESULTS));
        FetchWatch input = new FetchWatch(cfg.applicationId(), System::currentTimeMillis);
        KafkaStreams streams = new KafkaStreams(NetobsTopology.build(cfg, input), StreamsSettings.of(kafkaClientProps, cfg));
        input.attach(streams::metrics);
        Throwable[] cause = new Throwable[1];
        AtomicBoolean reported = new AtomicBoolean();
        Consumer<String> fatalOnce = why -> {
            if (reported.compareAndSet(false, true)) {
                // Not on the stream thread: the callback may close this very client.
                new Thread(() -> onFatal.accept(why), "netobs-streams-fatal").start();
            }
        };
        streams.setUncaughtExceptionHandler(e -> {
            // An exception here escaped every handler: replacing the thread would replay the same
            // record forever, so the client stops and the process exits for a fresh start. Reported
            // now, not only once the client reaches ERROR: shutting it down can hang (its
            // transactional producer retrying against a broker that refuses its writes), and ERROR
            // would then come late or never, with the process neither working nor exiting.
            LOG.error("stream thread died; shutting this client down", e);
            cause[0] = e;
            fatalOnce.accept("stream thread died: " + e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        RestoreTracker restores = new RestoreTracker();
        streams.setGlobalStateRestoreListener(restores);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR) {
                fatalOnce.accept("Kafka Streams client in ERROR" + (cause[0] == null ? "" : ": " + cause[0]));
            }
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
        FunctionCounter.builder("netobs.state.restored.records", restores, RestoreTracker::restored)
                .description("Records restored from changelogs into local state stores since this process started"
                        + " (0 after a clean restart: the stores keep their committed offsets)")
                .register(registry);
        LocalStores stores = LocalStores.of(streams);
        registry.getPrometheusRegistry().register(new CanaryMetrics(stores));
        registry.getPrometheusRegistry().register(new PipelineMetrics(stores, counterSources(cfg)));
        registry.getPrometheusRegistry().register(new PathMetrics(stores));
        cfg.bgp().ifPresent(bgp -> registry.getPrometheusRegistry().register(bgp.metrics(stores)));

        HostInfo self = HostInfo.buildFromEndpoint(cfg.applicationServer());
        LocalTargets localTargets = new LocalTargets(stores, Clock.systemUTC(), cfg.windowSize());
        InteractiveQueries queries = new InteractiveQueries(streams, self, localTargets);
        Optional<PrefixQueries> bgpLocal = cfg.bgp().map(bgp -> bgp.queries(stores));
        Optional<PrefixQueries> bgp = bgpLocal.map(local -> new InteractivePrefixQueries(streams, self, local));
        Javalin http = HttpApi.create(new HttpApi.Deps(registry, streams::state, queries, localTargets, bgp, bgpLocal));
        streams.start();
        http.start(cfg.httpHost(), cfg.httpPort());
        LOG.info("netobs streams app {} started; HTTP on {}:{}", cfg.applicationId(), cfg.httpHost(), http.port());

        boolean[] closed = {false};
        return () -> {
            synchronized (closed) {
                if (closed[0]) {
                    return;
                }
                closed[0] = true;
            }
            http.stop();
            stop(streams);
            streamsMetrics.close();
            gc.close();
            registry.close();
            cfg.bgp().ifPresent(b -> b.close());
            LOG.info("netobs streams app {} stopped", cfg.applicationId());
        };
    }

    /**
     * Stops a client cleanly and leaves the group: the next start (or another instance) gets the
     * partitions at once instead of after the session timeout, which a Streams member that merely
     * closes keeps them for. Stopping cleanly also writes the state stores' checkpoints, so a
     * restart restores nothing.
     */
    public static void stop(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    /** The partition count of an input topic; a topic that does not exist stops start-up, naming it. */
    static int partitionsOf(Properties client, String topic) throws Exception {
        try (Admin admin = Admin.create(client)) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the partitions of input topic " + topic + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Where the pipeline counters live, and the label values each is known to take. */
    static List<PipelineMetrics.Source> counterSources(AppConfig cfg) {
        List<PipelineMetrics.Source> sources = new ArrayList<>();
        sources.add(new PipelineMetrics.Source(CanaryNames.STORE_COUNTERS, List.of(Topics.CANARY_RESULTS),
                List.of("canary", "dns", PathNames.OVERFLOW_FAMILY)));
        cfg.bgp().ifPresent(bgp -> {
            sources.add(bgp.counterSource());
            sources.add(bgp.stateCounterSource());
        });
        return sources;
    }
}

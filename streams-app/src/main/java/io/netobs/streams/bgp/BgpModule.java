package io.netobs.streams.bgp;

import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.AppConfig;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.metrics.PipelineMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The BGP part of the streams app, as the app sees it: built from the environment, adds its
 * topology to the app's builder, serves its series, and stops its RPKI reloader.
 *
 * <p>Environment: {@code NETOBS_BGP_CONFIG} (monitored-prefixes YAML; unset = no BGP topology),
 * {@code NETOBS_BGP_AS_SETS} (the AS-SETs it names; default {@code as-sets.yml} beside it, optional),
 * {@code NETOBS_RPKI_VRP_FILE} (VRP JSON; unset = no RPKI validation) and
 * {@code NETOBS_RPKI_RELOAD_SECONDS} (how often the VRP file is checked for changes, default 60).
 */
public final class BgpModule implements AutoCloseable {
    public static final String ENV_CONFIG = "NETOBS_BGP_CONFIG";

    private final MonitoredPrefixes config;
    private final Supplier<VrpSet> vrps;
    private final AutoCloseable onClose;

    private BgpModule(MonitoredPrefixes config, Supplier<VrpSet> vrps, AutoCloseable onClose) {
        this.config = config;
        this.vrps = vrps;
        this.onClose = onClose;
    }

    /**
     * @return empty when {@code NETOBS_BGP_CONFIG} is unset or blank
     * @throws io.netobs.schema.bgp.MonitoredPrefixesException when the prefixes file is invalid
     * @throws UncheckedIOException when the VRP file cannot be read at start-up
     */
    public static Optional<BgpModule> fromEnv(Map<String, String> env) {
        String path = env.get(ENV_CONFIG);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        MonitoredPrefixes config = MonitoredPrefixes.load(Path.of(path.trim()), env);
        Optional<Rpki> rpki;
        try {
            rpki = Rpki.fromEnv(env);
        } catch (IOException e) {
            throw new UncheckedIOException(Rpki.ENV_FILE + ": " + e.getMessage(), e);
        }
        return Optional.of(new BgpModule(config, rpki.orElse(null), rpki.isPresent() ? rpki.get() : () -> { }));
    }

    /** For tests and tools: a fixed configuration and VRP set (null = no RPKI validation). */
    public static BgpModule of(MonitoredPrefixes config, VrpSet vrps) {
        return new BgpModule(config, vrps == null ? null : () -> vrps, () -> { });
    }

    /** For tests: VRPs that may change between updates, as the reloader changes them. */
    static BgpModule of(MonitoredPrefixes config, Supplier<VrpSet> vrps) {
        return new BgpModule(config, vrps, () -> { });
    }

    public MonitoredPrefixes config() {
        return config;
    }

    public void addTo(StreamsBuilder builder, AppConfig cfg) {
        BgpTopology.addTo(builder, config, vrps, cfg);
    }

    /** The BGP series of the partitions this instance owns, read from local stores at scrape time. */
    public MultiCollector metrics(LocalStores stores) {
        return new BgpMetrics(stores, vrps, config);
    }

    /** Read-only views of the monitored prefixes of the partitions this instance owns (/api/bgp, status page). */
    public BgpQueries queries(LocalStores stores) {
        return new BgpQueries(stores, config, vrps);
    }

    /** The BGP topology's pipeline counters, for {@link PipelineMetrics}. */
    public PipelineMetrics.Source counterSource() {
        return new PipelineMetrics.Source(BgpNames.STORE_INPUT_COUNTERS, List.of(Topics.BGP_UPDATES), List.of());
    }

    /** The counters of the route-state side: dead letters of the repartition topic, label overflow. */
    public PipelineMetrics.Source stateCounterSource() {
        return new PipelineMetrics.Source(BgpNames.STORE_STATE_COUNTERS, List.of(), List.of(RouteStateProcessor.OVERFLOW_FAMILY));
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the RPKI reloader", e);
        }
    }
}

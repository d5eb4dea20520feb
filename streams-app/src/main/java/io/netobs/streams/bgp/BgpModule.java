package io.netobs.streams.bgp;

import io.netobs.schema.bgp.MonitoredPrefixes;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The BGP part of the streams app, as the app sees it: built from the environment, adds its
 * topology to the app's builder, serves its series, and stops its RPKI reloader.
 *
 * <p>Environment: {@code NETOBS_BGP_CONFIG} (monitored-prefixes YAML; unset = no BGP topology),
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
        MonitoredPrefixes config = MonitoredPrefixes.load(Path.of(path.trim()));
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

    public MonitoredPrefixes config() {
        return config;
    }

    public void addTo(StreamsBuilder builder) {
        BgpTopology.addTo(builder, config, vrps);
    }

    /** The BGP series of the partitions this instance owns, read from local stores at scrape time. */
    public MultiCollector metrics(KafkaStreams streams) {
        return metrics(new BgpMetrics.StoreSource() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> store(String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
            }
        });
    }

    /** The same series over any store source (the test driver's stores in tests). */
    public MultiCollector metrics(BgpMetrics.StoreSource stores) {
        return new BgpMetrics(stores, vrps);
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

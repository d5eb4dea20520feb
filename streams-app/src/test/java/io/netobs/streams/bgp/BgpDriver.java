package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import io.netobs.streams.AppConfig;
import io.netobs.streams.StreamsSettings;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import io.netobs.streams.http.LocalStores;

/** A TopologyTestDriver around the BGP topology, with builders for updates at fixed instants. */
final class BgpDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

    final BgpModule module;
    final TopologyTestDriver driver;
    final TestInputTopic<String, BgpUpdate> in;
    final TestOutputTopic<String, BgpEvent> out;

    BgpDriver(String yaml, VrpSet vrps) {
        this(MonitoredPrefixes.parse(yaml, "test.yml"), vrps);
    }

    BgpDriver(MonitoredPrefixes config, VrpSet vrps) {
        this(BgpModule.of(config, vrps));
    }

    /** VRPs the test changes between updates, as the reloader does. */
    static BgpDriver withChangingVrps(String yaml, java.util.function.Supplier<VrpSet> vrps) {
        return new BgpDriver(BgpModule.of(MonitoredPrefixes.parse(yaml, "test.yml"), vrps));
    }

    private BgpDriver(BgpModule module) {
        this.module = module;
        AppConfig cfg = AppConfig.fromEnv(Map.of(), Optional.of(module)).withState("bgp-test", tempDir());
        Properties p = StreamsSettings.of(new Properties(), cfg);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        StreamsBuilder builder = new StreamsBuilder();
        module.addTo(builder, cfg);
        // BGP time is the recording's; the wall clock (which bounds it) is today's.
        driver = new TopologyTestDriver(builder.build(), p, Instant.now());
        in = driver.createInputTopic(Topics.BGP_UPDATES, Serdes.String().serializer(), PayloadSerdes.BGP_UPDATE);
        out = driver.createOutputTopic(Topics.BGP_EVENTS, Serdes.String().deserializer(), PayloadSerdes.BGP_EVENT);
    }

    private static java.nio.file.Path tempDir() {
        try {
            return Files.createTempDirectory("bgp-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Announcement seen by a peer whose AS is the first hop of {@code path}; the last hop is the origin. */
    void announce(int second, String peerIp, String prefix, long... path) {
        List<Long> p = Arrays.stream(path).boxed().toList();
        send(new BgpUpdate(1, at(second), "rrc00", "ris", peerIp, path[0], BgpUpdate.Kind.ANNOUNCE, prefix, p,
                null, List.of(path[path.length - 1]), peerIp, null, "test"));
    }

    void withdraw(int second, String peerIp, long peerAsn, String prefix) {
        send(new BgpUpdate(1, at(second), "rrc00", "ris", peerIp, peerAsn, BgpUpdate.Kind.WITHDRAW, prefix, null,
                null, List.of(), null, null, "test"));
    }

    void peerDown(int second, String peerIp, long peerAsn) {
        BgpUpdate u = new BgpUpdate(1, at(second), "rrc00", "ris", peerIp, peerAsn, BgpUpdate.Kind.PEER_DOWN, null,
                null, null, null, null, null, "test");
        in.pipeInput(peerIp, u, at(second));
    }

    void send(BgpUpdate u) {
        in.pipeInput(u.prefix(), u, u.timestampMs());
    }

    static long at(int second) {
        return T0.plusSeconds(second).toEpochMilli();
    }

    List<BgpEvent> events() {
        return out.readValuesToList();
    }

    <V> ReadOnlyKeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    LocalStores stores() {
        return new LocalStores() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> keyValue(String name) {
                return driver.getKeyValueStore(name);
            }

            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyWindowStore<String, V> window(String name) {
                return driver.getWindowStore(name);
            }
        };
    }

    /** The value of one series of the collector, or null when absent. */
    Double metric(String family, String... labels) {
        Labels want = Labels.of(labels);
        for (MetricSnapshot s : module.metrics(stores()).collect()) {
            String name = s.getMetadata().getName();
            if (!name.equals(family) && !(name + "_total").equals(family)) {
                continue;
            }
            for (DataPointSnapshot d : s.getDataPoints()) {
                if (d.getLabels().equals(want)) {
                    return d instanceof CounterSnapshot.CounterDataPointSnapshot c
                            ? c.getValue() : ((GaugeSnapshot.GaugeDataPointSnapshot) d).getValue();
                }
            }
        }
        return null;
    }

    /** Names of the families the collector serves now. */
    List<String> families() {
        return module.metrics(stores()).collect().stream().map(s -> s.getMetadata().getName()).toList();
    }

    @Override
    public void close() {
        driver.close();
    }
}

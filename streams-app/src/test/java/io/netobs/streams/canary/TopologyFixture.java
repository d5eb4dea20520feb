package io.netobs.streams.canary;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.NetobsTopology;
import io.netobs.streams.StreamsSettings;
import io.netobs.streams.canary.state.SeriesRecord;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.state.Counters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * The real topology with the app's real Streams settings in a TopologyTestDriver: 10-second windows
 * with 5 seconds of grace, caching off so every update reaches the stores, the driver's wall clock
 * at {@link #T0} until a test advances it.
 */
public final class TopologyFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration SIZE = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);

    public final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> input;
    public final TestOutputTopic<String, CanaryAggregate> aggregates;
    final TestOutputTopic<byte[], byte[]> deadLetterTopic;

    public TopologyFixture() {
        this(UnaryOperator.identity());
    }

    TopologyFixture(int maxSeries) {
        this(cfg -> cfg.withMaxSeries(maxSeries));
    }

    /** @param settings changes to the test's configuration (10 s windows, 5 s grace, 60 s retention) */
    TopologyFixture(UnaryOperator<AppConfig> settings) {
        AppConfig cfg = settings.apply(AppConfig.fromEnv(Map.of(), Optional.empty())
                .withWindows(SIZE, GRACE, Duration.ofSeconds(60)));
        Properties props = StreamsSettings.of(new Properties(), cfg);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try {
            // Its own directory: several drivers (and other builds on the machine) must not share RocksDB files.
            props.put(StreamsConfig.STATE_DIR_CONFIG, java.nio.file.Files.createTempDirectory("netobs-ttd").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(NetobsTopology.build(cfg), props, T0);
        input = driver.createInputTopic(Topics.CANARY_RESULTS, new StringSerializer(), new ByteArraySerializer());
        aggregates = driver.createOutputTopic(Topics.CANARY_AGGREGATES, new StringDeserializer(),
                PayloadSerdes.CANARY_AGGREGATE);
        deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTERS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private boolean unkeyedSent;

    public void send(String key, String json, Instant recordTime) {
        unkeyedSent |= key == null;
        input.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), recordTime);
    }

    /** A result as the agent writes it, observed at {@code at}, sent keyed by target. */
    public void sendResult(String target, String canary, String status, Double latencyMs, Instant at) {
        send(target, Results.ping(canary, target, status, latencyMs, 0.0, at), at);
    }

    /**
     * Advances the wall clock as a running app sees it: a punctuation every second, so the windows
     * count the time as quiet (a single jump would be a stall of the task, which does not age them).
     */
    public void advanceWallClock(java.time.Duration d) {
        for (long ms = d.toMillis(); ms > 0; ms -= 1000) {
            driver.advanceWallClockTime(java.time.Duration.ofMillis(Math.min(1000, ms)));
        }
    }

    /**
     * Advances the watermark past every window up to {@code at} by sending a result of another target
     * by each route a result can take: keyed (directly) and, once a test sent unkeyed results, without
     * key (through the repartition), since windows close at the earliest time of the routes.
     */
    public void advanceTo(Instant at) {
        String clock = Results.ping("clock", "zz-clock", "SUCCESS", 1.0, 0.0, at);
        send("zz-clock", clock, at);
        if (unkeyedSent) {
            send(null, clock, at);
        }
    }

    KeyValueStore<String, SeriesRecord> series() {
        return driver.getKeyValueStore(CanaryNames.STORE_SERIES);
    }

    SeriesRecord series(String target, String type, String canary) {
        return series().get(SeriesKeys.of(target, type, canary));
    }

    /** The latest closed window of a series (canary null: across canaries), or null. */
    CanaryAggregate latest(String target, String type, String canary) {
        KeyValueStore<String, java.util.List<CanaryAggregate>> store = driver.getKeyValueStore(CanaryNames.STORE_LATEST);
        java.util.List<CanaryAggregate> windows = store.get(target);
        return windows == null ? null : windows.stream()
                .filter(a -> a.type().equals(type) && java.util.Objects.equals(a.canaryId(), canary))
                .findFirst().orElse(null);
    }

    long counter(String key) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(CanaryNames.STORE_COUNTERS);
        Long v = store.get(key);
        return v == null ? 0 : v;
    }

    long deadLetters(String reason) {
        return counter(Counters.deadLetterKey(Topics.CANARY_RESULTS, reason));
    }

    public LocalStores stores() {
        return new LocalStores() {
            @Override
            public <V> ReadOnlyKeyValueStore<String, V> keyValue(String name) {
                return driver.getKeyValueStore(name);
            }

            @Override
            public <V> ReadOnlyWindowStore<String, V> window(String name) {
                return driver.getWindowStore(name);
            }
        };
    }

    @Override
    public void close() {
        driver.close();
    }
}

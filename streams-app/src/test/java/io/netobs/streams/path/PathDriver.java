package io.netobs.streams.path;

import io.netobs.canary.probe.AgentTraceroute;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PathEvent;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.NetobsTopology;
import io.netobs.streams.StreamsSettings;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.http.LocalStores;
import io.netobs.streams.state.Counters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
 * The whole application topology in a TopologyTestDriver (as {@code canary.TopologyFixture}, caching
 * off, but in a state directory of its own), fed with results the agent's own traceroute code made from the recorded tool output in
 * {@code src/test/resources/path}, serialized as the agent publishes them. The wall clock starts at
 * {@link #T0}; results are sent keyed by target, as the agent sends them.
 */
final class PathDriver implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String TARGET = "198.51.100.20";

    final TopologyTestDriver driver;
    final TestOutputTopic<String, PathEvent> events;
    final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestInputTopic<String, byte[]> input;
    private Instant wall = T0;

    /** @param env settings on top of the defaults (NETOBS_SERIES_EXPIRY, NETOBS_MAX_SERIES, ...) */
    PathDriver(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of("NETOBS_SERIES_EXPIRY", "PT10M"));
        all.putAll(env);
        // A state directory of its own: other test runs on the machine must not share its RocksDB files.
        AppConfig cfg = AppConfig.fromEnv(all, Optional.empty()).withState("path-test", tempDir());
        Properties props = StreamsSettings.of(new Properties(), cfg);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(NetobsTopology.build(cfg), props, T0);
        input = driver.createInputTopic(Topics.CANARY_RESULTS, new StringSerializer(), new ByteArraySerializer());
        events = driver.createOutputTopic(Topics.PATH_EVENTS, new StringDeserializer(), PayloadSerdes.PATH_EVENT);
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    PathDriver() {
        this(Map.of());
    }

    private static java.nio.file.Path tempDir() {
        try {
            return Files.createTempDirectory("path-ttd");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String fixture(String name) {
        try (InputStream in = PathDriver.class.getResourceAsStream("/path/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The agent's result for a recorded traceroute run, observed at {@code at}. */
    static CanaryResult traceroute(String fixture, String canary, Instant at) {
        return AgentTraceroute.fromTraceroute(fixture(fixture), TARGET, canary, "lhr", at);
    }

    /** The agent's result for a recorded mtr --json run, observed at {@code at}. */
    static CanaryResult mtr(String fixture, String canary, Instant at) {
        try {
            return AgentTraceroute.fromMtrJson(fixture(fixture), TARGET, canary, "fra", at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a result as the agent does (key = target, record time = observation time), the wall clock at its time. */
    void send(CanaryResult r) {
        Instant at = Instant.parse(r.timestamp());
        if (at.isAfter(wall)) {
            advanceWallClock(Duration.between(wall, at));
        }
        sendRaw(r.target(), PayloadSerdes.CANARY_RESULT.serialize(Topics.CANARY_RESULTS, r), at);
    }

    void advanceWallClock(Duration d) {
        wall = wall.plus(d);
        // A punctuation every second, as a running app sees the time pass (see TopologyFixture).
        for (long ms = d.toMillis(); ms > 0; ms -= 1000) {
            driver.advanceWallClockTime(Duration.ofMillis(Math.min(1000, ms)));
        }
    }

    Instant wall() {
        return wall;
    }

    void sendRaw(String key, byte[] value, Instant at) {
        input.pipeInput(key, value, at);
    }

    KeyValueStore<String, PathRecord> paths() {
        return driver.getKeyValueStore(PathNames.STORE_PATHS);
    }

    long counter(String key) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(CanaryNames.STORE_COUNTERS);
        Long v = store.get(key);
        return v == null ? 0 : v;
    }

    long deadLetters(String reason) {
        return counter(Counters.deadLetterKey(Topics.CANARY_RESULTS, reason));
    }

    LocalStores stores() {
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

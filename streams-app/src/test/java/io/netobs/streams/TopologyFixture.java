package io.netobs.streams;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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

/**
 * The real topology in a TopologyTestDriver: 10-second windows with 5 seconds of grace, caching off
 * so every update reaches the stores.
 */
final class TopologyFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration SIZE = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(5);

    final DeadLetterCounts deadLetters = new DeadLetterCounts();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> input;
    final TestOutputTopic<String, CanaryAggregate> aggregates;
    final TestOutputTopic<byte[], byte[]> deadLetterTopic;

    TopologyFixture() {
        this(100_000);
    }

    TopologyFixture(int maxSeries) {
        AppConfig cfg = AppConfig.fromEnv(Map.of(), Optional.empty()).withWindows(SIZE, GRACE, SIZE.plus(GRACE)).withMaxSeries(maxSeries);
        Properties props = StreamsSettings.of(new Properties(), cfg, deadLetters);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.remove(StreamsConfig.STATE_DIR_CONFIG);
        // The driver drops dead letters sent while a record is deserialized under exactly-once (its
        // transaction starts with processing). The topology's results do not depend on the guarantee;
        // CanaryPipelineIT checks dead letters under exactly-once on a real broker.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        driver = new TopologyTestDriver(NetobsTopology.build(cfg), props, T0);
        input = driver.createInputTopic(Topics.CANARY_RESULTS, new StringSerializer(), new ByteArraySerializer());
        aggregates = driver.createOutputTopic(Topics.CANARY_AGGREGATES, new StringDeserializer(),
                PayloadSerdes.CANARY_AGGREGATE);
        deadLetterTopic = driver.createOutputTopic(Topics.DEAD_LETTERS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    void send(String key, String json, Instant recordTime) {
        input.pipeInput(key, json.getBytes(StandardCharsets.UTF_8), recordTime);
    }

    /** A result as the agent writes it, observed at {@code at}, sent keyed by target. */
    void sendResult(String target, String canary, String status, Double latencyMs, Instant at) {
        send(target, Results.ping(canary, target, status, latencyMs, 0.0, at), at);
    }

    /** Advances stream time past every window up to {@code at} by sending a result of another target. */
    void advanceTo(Instant at) {
        send("zz-clock", Results.ping("clock", "zz-clock", "SUCCESS", 1.0, 0.0, at), at);
    }

    KeyValueStore<String, TargetState> lastValues() {
        return driver.getKeyValueStore(Names.STORE_LAST_VALUES);
    }

    KeyValueStore<String, LatestWindows> latestWindows() {
        return driver.getKeyValueStore(Names.STORE_LATEST_WINDOWS);
    }

    long counter(String name) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(Names.STORE_PIPELINE_COUNTERS);
        Long v = store.get(name);
        return v == null ? 0 : v;
    }

    LocalStores stores() {
        return new LocalStores() {
            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> keyValue(String name) {
                return driver.getKeyValueStore(name);
            }
        };
    }

    @Override
    public void close() {
        driver.close();
    }
}

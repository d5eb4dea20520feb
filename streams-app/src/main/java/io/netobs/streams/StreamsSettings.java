package io.netobs.streams;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the app, on top of the standard client properties. */
public final class StreamsSettings {
    static final long COMMIT_INTERVAL_MS = 1000;
    static final long CACHE_MAX_BYTES = 32L * 1024 * 1024;

    private StreamsSettings() {
    }

    /**
     * @param client    standard client properties (bootstrap.servers, SASL, TLS) passed through
     * @param counts    shared with the dead-letter handler Streams instantiates
     */
    public static Properties of(Properties client, AppConfig cfg, DeadLetterCounts counts) {
        Properties p = new Properties();
        // Throughput defaults, before the client properties so NETOBS_KAFKA_PROPERTIES can override them.
        // Every commit flushes each dirty store entry to RocksDB, its changelog and the suppression
        // buffer, and (exactly-once) ends a transaction with a marker on every partition it wrote:
        // at the 100 ms exactly-once default the stream thread spent more time committing than
        // processing. A second bounds the delay that adds to results of one-minute windows, and lets
        // the record cache absorb several updates of the same target between two flushes.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Room for one open window and the last values of every target of a busy instance (a few
        // hundred bytes each in the binary store format): evicting an entry before the commit costs
        // the same flush as committing it.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
        p.putAll(client);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, cfg.applicationServer());
        p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, cfg.replicationFactor());
        // Cumulative counters must neither double on a retry nor miss a record.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionHandler.class);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, CanaryTimestampExtractor.class);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(Names.CONFIG_DEAD_LETTER_COUNTS, counts);
        return p;
    }
}

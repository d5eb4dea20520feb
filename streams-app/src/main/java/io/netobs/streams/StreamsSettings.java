package io.netobs.streams;

import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the app, on top of the standard client properties. */
public final class StreamsSettings {
    private StreamsSettings() {
    }

    /**
     * @param client    standard client properties (bootstrap.servers, SASL, TLS) passed through
     * @param counts    shared with the dead-letter handler Streams instantiates
     */
    public static Properties of(Properties client, AppConfig cfg, DeadLetterCounts counts) {
        Properties p = new Properties();
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

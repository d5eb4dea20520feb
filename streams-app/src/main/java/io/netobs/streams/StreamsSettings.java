package io.netobs.streams;

import io.netobs.streams.errors.DeadLetterHandler;
import io.netobs.streams.errors.ProcessingHandler;
import io.netobs.streams.errors.ProductionHandler;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of the app, on top of the standard client properties. */
public final class StreamsSettings {
    static final long COMMIT_INTERVAL_MS = 1000;
    static final long CACHE_MAX_BYTES = 64L * 1024 * 1024;
    static final int RESTORE_FETCH_MAX_WAIT_MS = 10;
    /**
     * How long a member that vanished (kill -9, a lost host) keeps its partitions before the group
     * moves them: the broker's minimum, so a crash stalls its partitions for seconds, not the
     * default 45 s. The price: a stream thread that cannot heartbeat for 6 s (a long GC pause, a
     * host frozen for that long) is taken out of the group and rebalanced, which costs a few seconds
     * of processing and never data (exactly-once fences the old owner).
     */
    static final int SESSION_TIMEOUT_MS = 6000;
    static final int HEARTBEAT_INTERVAL_MS = 1500;
    /**
     * A crashed member's open transaction blocks its partitions' new owner until the transaction
     * coordinator aborts it: with commits every second, a transaction never needs more than a few
     * seconds, so 10 s (the Streams default) would only lengthen the stall after a crash.
     */
    static final int TRANSACTION_TIMEOUT_MS = 5000;
    /**
     * How much of one partition a fetch returns (the consumer's default is 1 MiB). The consumer hands
     * a fetched partition's records to the stream thread in full before the next partition's, so with
     * a backlog a task waits while the others work through their chunks; with 1 MiB chunks that was
     * seconds, long enough for the task's windows to be closed by the wall clock as if its partition
     * had gone quiet, and for the rest of its backlog to be counted late. Small chunks keep every task
     * fed on each poll; a chunk is still at least one whole producer batch.
     */
    static final int MAX_PARTITION_FETCH_BYTES = 64 * 1024;

    private StreamsSettings() {
    }

    /** @param client standard client properties (bootstrap.servers, SASL, TLS) passed through */
    public static Properties of(Properties client, AppConfig cfg) {
        Properties p = new Properties();
        // Throughput and recovery defaults, before the client properties so NETOBS_KAFKA_PROPERTIES
        // can override them. Every commit flushes each dirty store entry to RocksDB and its changelog
        // and (exactly-once) ends a transaction with a marker on every partition it wrote: at the
        // 100 ms exactly-once default the stream thread spent more time committing than processing. A
        // second bounds the delay added to results of one-minute windows, and lets the record cache
        // absorb the updates of a busy series between two flushes.
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
        // Room for the series records of a busy instance (a few hundred bytes each): evicting an
        // entry before the commit costs the same flush as committing it.
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, CACHE_MAX_BYTES);
        // Event time comes from the payload, not from aligning partitions by record time: never wait
        // for an empty partition (the repartition topic is empty when every record is keyed), and skip
        // the per-record bookkeeping of that wait.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), MAX_PARTITION_FETCH_BYTES);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), HEARTBEAT_INTERVAL_MS);
        p.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), TRANSACTION_TIMEOUT_MS);
        // A changelog written under exactly-once ends with a commit marker: a start on checkpointed stores
        // still fetches past it, a fetch that returns no record and so waits fetch.max.wait.ms (500 ms)
        // each round; the restore consumer asks again at once instead. Restoring real data is unaffected.
        p.put(StreamsConfig.restoreConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), RESTORE_FETCH_MAX_WAIT_MS);
        p.putAll(client);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, cfg.applicationId());
        p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, cfg.applicationServer());
        p.put(StreamsConfig.STATE_DIR_CONFIG, cfg.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, cfg.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, cfg.replicationFactor());
        // Cumulative counters must neither double on a retry nor miss a record.
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, ProcessingHandler.class);
        // The app has no global stores; enabled so a future one gets the same handling (the 5.0 default).
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionHandler.class);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, BoundedTimestampExtractor.class);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        return p;
    }
}

package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.DeadLetters;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async, idempotent producer for {@code bgp-updates} and {@code netobs-dead-letters}. Key = prefix
 * (peer IP for PEER_DOWN) so one prefix's history stays ordered in one partition; the record
 * timestamp is the BGP event time so the topology's windows use collector time.
 */
public final class KafkaPublisher implements RecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    static final String REJECTED_BY = "bgp-ingest";

    private final KafkaProducer<byte[], byte[]> producer;
    private final IngestMetrics metrics;
    private final AtomicLong lastErrorLogMs = new AtomicLong();
    private final Callback onSent;

    public KafkaPublisher(Properties kafkaClientProps, IngestMetrics metrics) {
        this.metrics = metrics;
        this.producer = new KafkaProducer<>(producerProps(kafkaClientProps), new ByteArraySerializer(), new ByteArraySerializer());
        this.onSent = (md, e) -> {
            if (e != null) {
                metrics.publishErrors.increment();
                long now = System.currentTimeMillis();
                long last = lastErrorLogMs.get();
                // One line per 10 s: a broker outage must not turn into a log flood.
                if (now - last > 10_000 && lastErrorLogMs.compareAndSet(last, now)) {
                    LOG.warn("bgp-ingest: could not deliver a record ({} failures so far): {}", metrics.publishErrors(), e.toString());
                }
            }
        };
    }

    static Properties producerProps(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        if (p.getProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("bgp-ingest needs bootstrap.servers (KAFKA_BOOTSTRAP_SERVERS)");
        }
        // Delivery guarantees are not negotiable: no duplicates on retry, acknowledged by all replicas.
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netobs-bgp-ingest");
        // Bursts (a route leak touches thousands of prefixes) are batched; 20 ms is invisible next to BGP timescales.
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    @Override
    public void publish(BgpUpdate u) {
        String key = u.type() == BgpUpdate.Kind.PEER_DOWN ? u.peerIp() : u.prefix();
        byte[] value = PayloadSerdes.BGP_UPDATE.serialize(Topics.BGP_UPDATES, u);
        producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, u.timestampMs(),
                key.getBytes(StandardCharsets.UTF_8), value), onSent);
        metrics.recordsPublished.increment();
    }

    @Override
    public void deadLetter(byte[] raw, String sourceTopic, long offset, String reason) {
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(Topics.DEAD_LETTERS, null, System.currentTimeMillis(), null, raw);
        // Partition -1: the frame never was on a Kafka partition; the offset is its number in the source.
        DeadLetters.write(rec.headers(), sourceTopic, -1, offset, reason, REJECTED_BY);
        producer.send(rec, onSent);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}

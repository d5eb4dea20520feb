package io.netobs.streams.fault;

import io.netobs.schema.Topics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test producers with the guarantees the agent and the ingester use: idempotent, acks=all. */
final class Producers {
    private Producers() {
    }

    static KafkaProducer<String, byte[]> reliable(String bootstrap, Properties extra) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.putAll(extra);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends every result to canary-results (keyed by target, or without key as the seed sends) and waits for all acks. */
    static void sendAll(String bootstrap, List<Sent> results) throws ExecutionException {
        AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = reliable(bootstrap, new Properties())) {
            for (Sent s : results) {
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, s.eventMs(),
                        s.keyed() ? s.target() : null, s.json()), (md, e) -> failed.compareAndSet(null, e));
            }
            producer.flush();
        }
        if (failed.get() != null) {
            // A lost send fails the test here, not later as a count that does not add up.
            throw new ExecutionException("a test record was not delivered", failed.get());
        }
    }
}

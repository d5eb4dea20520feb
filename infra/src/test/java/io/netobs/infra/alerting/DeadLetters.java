package io.netobs.infra.alerting;

import io.netobs.schema.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Feeds the streams app a record it must dead-letter, as a broken producer would. */
final class DeadLetters {
    private DeadLetters() {
    }

    /** One bgp-updates record that is not JSON (the streams app's reason: not_json). */
    static void sendNotJson(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, "alerting-it".getBytes(StandardCharsets.UTF_8),
                    "this is not JSON".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }
}

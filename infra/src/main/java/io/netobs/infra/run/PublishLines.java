package io.netobs.infra.run;

import io.netobs.schema.KafkaSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./netobs publish <topic>}: one record per non-blank line of standard input, without a key,
 * as the seed's Python producers send them. For trying the pipeline by hand and replaying saved
 * results; the broker is the cluster the environment names, else the embedded one on
 * {@code 127.0.0.1:$NETOBS_EMBEDDED_KAFKA_PORT}.
 */
public final class PublishLines {
    private PublishLines() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ./netobs publish <topic> < lines");
            System.exit(2);
        }
        // Before the first logger exists: the client's INFO config dump would bury the one line that matters.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> env = System.getenv();
        Properties props = KafkaSettings.fromEnv(env);
        props.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "127.0.0.1:" + env.getOrDefault("NETOBS_EMBEDDED_KAFKA_PORT", "9092"));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        long sent = 0;
        try (var producer = new KafkaProducer<byte[], byte[]>(props, new ByteArraySerializer(), new ByteArraySerializer());
             var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    // get(): a failed send must fail the command, not vanish.
                    producer.send(new ProducerRecord<>(args[0], null, line.getBytes(StandardCharsets.UTF_8))).get();
                    sent++;
                }
            }
        }
        System.err.println("netobs: published " + sent + " record(s) to " + args[0]);
    }
}

package io.netobs.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
    private static final String TOPIC = "it-records";

    @TempDir
    Path dataDir;

    @Test
    void keepsClusterTopicsAndRecordsAcrossRestartAndRunsTransactions() throws Exception {
        int port;
        String clusterId;
        long t0 = System.nanoTime();
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0)) {
            System.out.printf("embedded Kafka first start (format + start): %d ms%n", elapsedMs(t0));
            broker.createTopics(Map.of(TOPIC, 2));
            broker.createTopics(Map.of(TOPIC, 2, "it-other", 1)); // idempotent: an existing topic is not an error
            port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            clusterId = clusterId(broker);

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker, null))) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
                }
            }
            assertThat(readAll(broker, 10)).containsExactlyInAnyOrderElementsOf(values(0, 10));
            long s0 = System.nanoTime();
            broker.stop();
            System.out.printf("embedded Kafka stop: %d ms%n", elapsedMs(s0));
        }

        long t1 = System.nanoTime();
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, port)) {
            System.out.printf("embedded Kafka restart on the same data dir: %d ms%n", elapsedMs(t1));
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertThat(clusterId(broker)).isEqualTo(clusterId);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC, "it-other");
            }
            assertThat(readAll(broker, 10)).containsExactlyInAnyOrderElementsOf(values(0, 10));

            // Exactly-once Streams needs the transaction coordinator and its internal topic.
            try (KafkaProducer<String, String> tx = new KafkaProducer<>(producerProps(broker, "it-tx"))) {
                tx.initTransactions();
                tx.beginTransaction();
                for (int i = 10; i < 15; i++) {
                    tx.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i));
                }
                tx.commitTransaction();
                tx.beginTransaction();
                tx.send(new ProducerRecord<>(TOPIC, "aborted", "never-visible"));
                tx.abortTransaction();
            }
            assertThat(readAll(broker, 15)).containsExactlyInAnyOrderElementsOf(values(0, 15));
        }
    }

    @Test
    void movesTheControllerWhenItsPortWasTakenWhileStopped() throws Exception {
        String clusterId;
        try (EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0)) {
            broker.createTopics(Map.of(TOPIC, 2));
            clusterId = clusterId(broker);
        }
        Properties state = new Properties();
        try (InputStream in = Files.newInputStream(dataDir.resolve(NodeState.FILE_NAME))) {
            state.load(in);
        }
        int controllerPort = Integer.parseInt(state.getProperty("controller.port"));
        try (ServerSocket squatter = new ServerSocket(controllerPort, 1, NodeState.LOOPBACK);
             EmbeddedKafka broker = EmbeddedKafka.start(dataDir, 0)) {
            assertThat(squatter.isBound()).isTrue();
            assertThat(clusterId(broker)).isEqualTo(clusterId);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            }
        }
    }

    private static long elapsedMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static List<String> values(int from, int to) {
        List<String> v = new ArrayList<>();
        for (int i = from; i < to; i++) {
            v.add("v" + i);
        }
        return v;
    }

    private static String clusterId(EmbeddedKafka broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static Properties producerProps(EmbeddedKafka broker, String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }

    /** Committed values of the topic from the beginning, polling until {@code expected} arrived or 30 s passed. */
    private static List<String> readAll(EmbeddedKafka broker, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.value());
                }
            }
            // One more short poll so a surplus (e.g. an aborted record leaking through) would be caught.
            consumer.poll(Duration.ofMillis(300)).forEach(r -> seen.add(r.value()));
        }
        return seen;
    }
}

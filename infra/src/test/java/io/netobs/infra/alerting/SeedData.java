package io.netobs.infra.alerting;

import io.netobs.infra.fixture.FixtureFaults;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The seed's PromQL queries, as the README lists them, and the data they ask about: the offline run probes loopback
 * targets only, so the seed's targets (8.8.8.8, example.com, httpbin.org, its canary ids) and prefixes get results
 * the way the seed's Python canaries send them (JSON without a key) and the updates its BGP analyzer would count.
 */
final class SeedData {
    private static final DateTimeFormatter SEED_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    /** Peers 192.0.2.11 and .12: not the fixture's, so its hijack of 1.1.1.0/24 stays open. */
    private static final int FIRST_PEER = 11;

    private SeedData() {
    }

    /** The first ```promql block of the README: the section saying the seed's queries work unchanged. */
    static List<String> readmeQueries(Path readme) throws IOException {
        List<String> queries = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(readme)) {
            if (!inBlock && line.strip().equals("```promql")) {
                inBlock = true;
            } else if (inBlock && line.strip().startsWith("```")) {
                return queries;
            } else if (inBlock && !line.isBlank()) {
                queries.add(line.strip());
            }
        }
        throw new IllegalStateException(readme + " has no ```promql block");
    }

    static void publish(String bootstrapServers) throws Exception {
        String now = SEED_TIME.format(OffsetDateTime.now(ZoneOffset.UTC));
        List<String> results = List.of(
                "{\"type\": \"ping\", \"canary_id\": \"ping-pop-lhr-01\", \"target\": \"8.8.8.8\", \"timestamp\": \"" + now
                        + "\", \"status\": \"SUCCESS\", \"rtt_avg_ms\": 11.0, \"packet_loss_percent\": 0.0, \"error_message\": null}",
                "{\"type\": \"ping\", \"canary_id\": \"ping-pop-nyc-01\", \"target\": \"8.8.8.8\", \"timestamp\": \"" + now
                        + "\", \"status\": \"FAILURE\", \"rtt_avg_ms\": null, \"packet_loss_percent\": 100.0, \"error_message\": null}",
                "{\"type\": \"dns\", \"canary_id\": \"dns-pop-lhr-01\", \"target\": \"example.com\", \"timestamp\": \"" + now
                        + "\", \"status\": \"SUCCESS\", \"latency_ms\": 23.5, \"query_type\": \"AAAA\", \"resolver\": \"System Default\","
                        + " \"answer\": [\"2606:2800:21f:cb07:6820:80da:af6b:8b2c\"], \"error_message\": null}",
                "{\"type\": \"http\", \"canary_id\": \"http-pop-lhr-01\", \"target\": \"https://httpbin.org/status/404\", \"timestamp\": \""
                        + now + "\", \"status\": \"FAILURE\", \"latency_ms\": 210.0, \"status_code\": 404, \"response_size_bytes\": 0,"
                        + " \"content_match\": null, \"error_message\": \"HTTP Error 404\"}",
                "{\"type\": \"http\", \"canary_id\": \"http-local-dev-01\", \"target\": \"https://example.com\", \"timestamp\": \""
                        + now + "\", \"status\": \"SUCCESS\", \"latency_ms\": 95.0, \"status_code\": 200, \"response_size_bytes\": 1256,"
                        + " \"content_match\": true, \"error_message\": null}");
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String json : results) {
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, json.getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        // The seed's prefixes from their own origins at two peers; one peer withdraws 8.8.8.0/24, which leaves it
        // visible from half of its peers: a withdrawal to count, not a visibility loss.
        FixtureFaults.publish(bootstrapServers, List.of(
                FixtureFaults.update("1.1.1.0/24", 13335, BgpUpdate.Kind.ANNOUNCE, FIRST_PEER, "seed-data"),
                FixtureFaults.update("1.1.1.0/24", 13335, BgpUpdate.Kind.ANNOUNCE, FIRST_PEER + 1, "seed-data"),
                FixtureFaults.update("8.8.8.0/24", 15169, BgpUpdate.Kind.ANNOUNCE, FIRST_PEER, "seed-data"),
                FixtureFaults.update("8.8.8.0/24", 15169, BgpUpdate.Kind.ANNOUNCE, FIRST_PEER + 1, "seed-data"),
                FixtureFaults.update("8.8.8.0/24", 15169, BgpUpdate.Kind.WITHDRAW, FIRST_PEER, "seed-data")));
    }
}

package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.canary.offline.LoopbackDnsServer;
import io.netobs.canary.probe.Commands;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Json;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every message the agent writes parses with the schemas serde, and the seed's fields keep the
 * names and meanings the seed's consumer reads (kafka_consumer.py).
 */
class WireFormatTest {
    private static JsonNode wire(CanaryResult r) throws Exception {
        byte[] bytes = PayloadSerdes.CANARY_RESULT.serialize(Topics.CANARY_RESULTS, r);
        assertThat(PayloadSerdes.CANARY_RESULT.deserialize(Topics.CANARY_RESULTS, bytes)).isEqualTo(r);
        JsonNode j = Json.MAPPER.readTree(bytes);
        assertThat(j.path("canary_id").asText()).isEqualTo("test-canary");
        assertThat(j.path("target").asText()).isEqualTo(r.target());
        assertThat(j.path("status").asText()).isIn("SUCCESS", "FAILURE", "TIMEOUT", "ERROR");
        assertThat(OffsetDateTime.parse(j.path("timestamp").asText())).isNotNull();
        assertThat(j.path("schema_version").asInt()).isEqualTo(1);
        return j;
    }

    @Test
    void httpMessagesKeepTheSeedFields() throws Exception {
        try (LoopbackHttpServer s = LoopbackHttpServer.http()) {
            CanaryResult r = Probes.run(Probes.build("http", Map.of("expected_string", "hello")), s.url("/text"),
                    Duration.ofSeconds(3)).result();
            JsonNode j = wire(r);
            assertThat(j.path("type").asText()).isEqualTo("http");
            assertThat(j.path("latency_ms").asDouble()).isPositive();   // the whole request, in ms
            assertThat(j.path("status_code").asInt()).isEqualTo(200);
            assertThat(j.path("response_size_bytes").asLong()).isEqualTo(LoopbackHttpServer.TEXT.length());
            assertThat(j.path("content_match").asBoolean()).isTrue();
            assertThat(j.has("first_byte_ms")).isTrue();
        }
    }

    @Test
    void dnsMessagesKeepTheSeedFields() throws Exception {
        try (LoopbackDnsServer dns = LoopbackDnsServer.start(0)) {
            CanaryResult r = Probes.run(Probes.build("dns", Map.of("resolver", dns.resolver(), "query_type", "MX")),
                    "netobs.test", Duration.ofSeconds(3)).result();
            JsonNode j = wire(r);
            assertThat(j.path("type").asText()).isEqualTo("dns");
            assertThat(j.path("latency_ms").asDouble()).isPositive();
            assertThat(j.path("query_type").asText()).isEqualTo("MX");
            assertThat(j.path("resolver").asText()).isEqualTo(dns.resolver());
            assertThat(j.path("answer").isArray()).isTrue();
            assertThat(j.path("answer").get(0).asText()).isEqualTo("10 mail.netobs.test.");
            CanaryResult nx = Probes.run(Probes.build("dns", Map.of("resolver", dns.resolver())), "no.netobs.test",
                    Duration.ofSeconds(3)).result();
            assertThat(wire(nx).path("error_message").asText()).isEqualTo("NXDOMAIN (Domain does not exist)");
        }
    }

    @Test
    void pingMessagesKeepTheSeedFields() throws Exception {
        assumeTrue(Commands.locate("fping").isPresent(), "fping is not installed");
        CanaryResult r = Probes.run(Probes.build("ping", Map.of("count", 3)), "127.0.0.1", Duration.ofSeconds(5)).result();
        JsonNode j = wire(r);
        assertThat(j.path("type").asText()).isEqualTo("ping");
        assertThat(j.path("packet_loss_percent").asDouble()).isEqualTo(0.0);
        double avg = 0;
        for (JsonNode rtt : j.path("rtts_ms")) {
            avg += rtt.asDouble() / 3;
        }
        assertThat(j.path("rtt_avg_ms").asDouble()).isCloseTo(avg, org.assertj.core.api.Assertions.within(0.002));
    }

    @Test
    void tcpAndTracerouteMessagesParse() throws Exception {
        try (var ss = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            JsonNode j = wire(Probes.run(Probes.build("tcp", Map.of()), "127.0.0.1:" + ss.getLocalPort(), Duration.ofSeconds(2)).result());
            assertThat(j.path("type").asText()).isEqualTo("tcp");
            assertThat(j.path("latency_ms").isNumber()).isTrue();
        }
        if (Commands.locate("traceroute").isPresent()) {
            JsonNode t = wire(Probes.run(Probes.build("traceroute", Map.of("max_hops", 2, "queries", 1)), "127.0.0.1",
                    Duration.ofSeconds(10)).result());
            assertThat(t.path("hops").get(0).path("address").asText()).isEqualTo("127.0.0.1");
            assertThat(t.path("destination_reached").asBoolean()).isTrue();
        }
    }
}

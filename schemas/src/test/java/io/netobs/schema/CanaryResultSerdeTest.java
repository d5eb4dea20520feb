package io.netobs.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The seed's three canaries' messages, byte for byte as Python's json.dumps writes them. */
class CanaryResultSerdeTest {
    private static final JsonSerde<CanaryResult> SERDE = PayloadSerdes.CANARY_RESULT;

    static CanaryResult parse(String json) {
        return SERDE.deserialize(Topics.CANARY_RESULTS, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldParseSeedPingSuccess() {
        var r = parse("{\"type\": \"ping\", \"canary_id\": \"ping-canary-local-01\", \"target\": \"8.8.8.8\", "
                + "\"timestamp\": \"2025-04-01T12:00:00.123456+00:00\", \"status\": \"SUCCESS\", "
                + "\"rtt_avg_ms\": 11.0, \"packet_loss_percent\": 0.0, \"error_message\": null}");
        assertThat(r.type()).isEqualTo("ping");
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.rttAvgMs()).isEqualTo(11.0);
        assertThat(r.effectiveLatencyMs()).isEqualTo(11.0);
        assertThat(r.packetLossPercent()).isZero();
        assertThat(r.observedAt()).contains(Instant.parse("2025-04-01T12:00:00.123456Z"));
        assertThat(r.schemaVersion()).isNull();
    }

    @Test
    void shouldParseSeedPingTotalLossAndErrorWithNulls() {
        var loss = parse("{\"type\": \"ping\", \"canary_id\": \"c\", \"target\": \"10.0.0.1\", \"timestamp\": "
                + "\"2025-04-01T12:00:00+00:00\", \"status\": \"FAILURE\", \"rtt_avg_ms\": null, "
                + "\"packet_loss_percent\": 100.0, \"error_message\": \"100% packet loss\"}");
        assertThat(loss.status()).isEqualTo(Status.FAILURE);
        assertThat(loss.rttAvgMs()).isNull();
        assertThat(loss.effectiveLatencyMs()).isNull();
        var err = parse("{\"type\": \"ping\", \"canary_id\": \"c\", \"target\": \"x\", \"timestamp\": "
                + "\"2025-04-01T12:00:00+00:00\", \"status\": \"ERROR\", \"rtt_avg_ms\": null, "
                + "\"packet_loss_percent\": null, \"error_message\": \"fping command not found. Please install fping.\"}");
        assertThat(err.status()).isEqualTo(Status.ERROR);
        assertThat(err.errorMessage()).contains("fping");
    }

    @Test
    void shouldParseSeedDnsWithAnswerListAndSystemDefaultResolver() {
        var r = parse("{\"type\": \"dns\", \"canary_id\": \"dns-canary-local-01\", \"target\": \"example.com\", "
                + "\"timestamp\": \"2025-04-01T12:00:00+00:00\", \"status\": \"SUCCESS\", \"latency_ms\": 12.34, "
                + "\"query_type\": \"A\", \"resolver\": \"System Default\", \"answer\": [\"93.184.215.14\"], "
                + "\"error_message\": null}");
        assertThat(r.answer()).containsExactly("93.184.215.14");
        assertThat(r.resolver()).isEqualTo("System Default");
        assertThat(r.effectiveLatencyMs()).isEqualTo(12.34);
        var timeout = parse("{\"type\": \"dns\", \"canary_id\": \"d\", \"target\": \"example.com\", "
                + "\"timestamp\": \"2025-04-01T12:00:00+00:00\", \"status\": \"TIMEOUT\", \"latency_ms\": null, "
                + "\"query_type\": \"AAAA\", \"resolver\": \"8.8.8.8\", \"answer\": null, "
                + "\"error_message\": \"Query timed out after 5 seconds\"}");
        assertThat(timeout.status()).isEqualTo(Status.TIMEOUT);
        assertThat(timeout.answer()).isNull();
    }

    @Test
    void shouldParseSeedHttpContentMatchTrueFalseAndNull() {
        String base = "{\"type\": \"http\", \"canary_id\": \"h\", \"target\": \"https://httpbin.org/status/200\", "
                + "\"timestamp\": \"2025-04-01T12:00:00+00:00\", \"status\": \"%s\", \"latency_ms\": 250.5, "
                + "\"status_code\": %s, \"response_size_bytes\": 1024, \"content_match\": %s, \"error_message\": null}";
        assertThat(parse(base.formatted("SUCCESS", "200", "true")).contentMatch()).isTrue();
        assertThat(parse(base.formatted("FAILURE", "200", "false")).contentMatch()).isFalse();
        var unchecked = parse(base.formatted("FAILURE", "404", "null"));
        assertThat(unchecked.contentMatch()).isNull();
        assertThat(unchecked.statusCode()).isEqualTo(404);
        assertThat(unchecked.responseSizeBytes()).isEqualTo(1024L);
    }

    @Test
    void shouldTolerateUnknownFieldsAndLowerCaseStatus() {
        var r = parse("{\"type\":\"tcp\",\"canary_id\":\"c\",\"target\":\"h:1\",\"status\":\"success\",\"future_field\":{\"x\":1}}");
        assertThat(r.status()).isEqualTo(Status.SUCCESS);
        assertThat(r.observedAt()).isEmpty();
    }

    @Test
    void shouldRoundTripEveryNewField() {
        var built = CanaryResult.builder("http", "agent-1", "https://127.0.0.1/", Instant.parse("2026-01-01T00:00:00Z"), Status.SUCCESS)
                .pop("lhr").latencyMs(10.0).statusCode(200).dnsMs(0.1).connectMs(1.0).tlsMs(2.0).firstByteMs(3.0)
                .transferMs(0.5).certExpiryTimestampSeconds(1_900_000_000L).tlsVersion("TLSv1.3").httpVersion("HTTP/2")
                .hops(List.of(new CanaryResult.Hop(1, "127.0.0.1", List.of(0.1, 0.2), 0.0)))
                .rttsMs(java.util.Arrays.asList(1.0, null, 2.0))
                .build();
        byte[] bytes = SERDE.serialize(Topics.CANARY_RESULTS, built);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"canary_id\":\"agent-1\"", "\"cert_expiry_timestamp_seconds\":1900000000",
                "\"first_byte_ms\":3.0", "\"http_version\":\"HTTP/2\"", "\"schema_version\":1", "\"rtts_ms\":[1.0,null,2.0]");
        assertThat(SERDE.deserialize(Topics.CANARY_RESULTS, bytes)).isEqualTo(built);
    }

    @Test
    void shouldRejectInvalidRecordsWithTheirReason() {
        assertThatThrownBy(() -> parse("not json")).isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid CanaryResult");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"target\":\"t\",\"status\":\"SUCCESS\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'canary_id'");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"status\":\"SUCCESS\"}"))
                .hasMessageContaining("'target'");
        assertThatThrownBy(() -> parse("{\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"SUCCESS\"}"))
                .hasMessageContaining("'type'");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\"}"))
                .hasMessageContaining("'status'");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"MAYBE\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("unknown status 'MAYBE'");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"SUCCESS\",\"latency_ms\":\"fast\"}"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("latency_ms");
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"SUCCESS\",\"status_code\":200.5}"))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> parse("null")).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"SUCCESS\"} trailing"))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldRejectAOneMegabyteString() {
        String huge = "x".repeat(1 << 20);
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"" + huge + "\",\"status\":\"SUCCESS\"}"))
                .isInstanceOf(SerializationException.class).hasMessageContaining("String value length");
        String longLabel = "t".repeat(Json.MAX_STRING_CHARS / 2);
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"" + longLabel + "\",\"status\":\"SUCCESS\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'target' is");
    }

    @Test
    void shouldRejectPacketLossOutsidePercentRange() {
        assertThatThrownBy(() -> parse("{\"type\":\"ping\",\"canary_id\":\"c\",\"target\":\"t\",\"status\":\"SUCCESS\",\"packet_loss_percent\":120}"))
                .hasMessageContaining("packet_loss_percent");
    }
}

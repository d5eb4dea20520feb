package io.netobs.streams;

import static io.netobs.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.DeadLetters;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    /** Sends one bad value, then a good one, and returns the single dead letter. */
    private static TestRecord<byte[], byte[]> deadLetterOf(TopologyFixture f, String key, byte[] value) {
        f.input.pipeInput(key, value, T0);
        f.sendResult("t1", "c1", "SUCCESS", 1.0, T0.plusSeconds(1));
        assertThat(f.deadLetterTopic.getQueueSize()).isEqualTo(1);
        TestRecord<byte[], byte[]> dead = f.deadLetterTopic.readRecord();
        assertThat(dead.value()).isEqualTo(value);
        assertThat(dead.key()).isEqualTo(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.CANARY_RESULTS);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REJECTED_BY)).isEqualTo("streams-app");
        // the app kept running: the good record after it was counted
        assertThat(f.lastValues().get("t1").series.get("ping").get("c1").statusTotals[0]).isEqualTo(1);
        return dead;
    }

    private static void assertReason(String json, String reason) {
        try (TopologyFixture f = new TopologyFixture()) {
            TestRecord<byte[], byte[]> dead = deadLetterOf(f, "t9", json.getBytes(StandardCharsets.UTF_8));
            assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).startsWith(reason + ": ");
            assertThat(f.deadLetters.snapshot()).containsExactly(Map.entry(Map.entry(Topics.CANARY_RESULTS, reason), 1L));
        }
    }

    @Test
    void shouldDeadLetterTextThatIsNotJson() {
        assertReason("PING 8.8.8.8 ok", "not_json");
    }

    @Test
    void shouldDeadLetterTruncatedJson() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\"", "not_json");
    }

    @Test
    void shouldDeadLetterAResultWithoutCanaryId() {
        assertReason("{\"type\": \"ping\", \"target\": \"t9\", \"status\": \"SUCCESS\"}", "invalid_schema");
    }

    @Test
    void shouldDeadLetterAResultWithoutStatus() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\"}", "invalid_schema");
    }

    @Test
    void shouldDeadLetterAResultWithAnUnknownStatus() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"MAYBE\"}",
                "invalid_schema");
    }

    @Test
    void shouldDeadLetterAResultWithALatencyOfTheWrongType() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"rtt_avg_ms\": \"fast\"}", "wrong_type");
    }

    @Test
    void shouldDeadLetterAResultWithAnAnswerThatIsNotAList() {
        assertReason("{\"type\": \"dns\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"answer\": {\"a\": 1}}", "wrong_type");
    }

    @Test
    void shouldDeadLetterAOneMegabyteString() {
        String huge = "x".repeat(1024 * 1024);
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"error_message\": \"" + huge + "\"}", "too_large");
    }

    @Test
    void shouldDeadLetterAnEmptyValueKeyedOrNot() {
        try (TopologyFixture f = new TopologyFixture()) {
            TestRecord<byte[], byte[]> dead = deadLetterOf(f, null, new byte[0]);
            assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).startsWith("empty: ");
        }
    }
}

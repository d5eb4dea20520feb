package io.netobs.streams.canary;

import static io.netobs.streams.canary.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.DeadLetters;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.time.Duration;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    /** Sends one bad value, then a good one, and returns the single dead letter. */
    private static TestRecord<byte[], byte[]> deadLetterOf(TopologyFixture f, String key, byte[] value) {
        f.input.pipeInput(key, value, T0);
        f.sendResult("t1", "c1", "SUCCESS", 1.0, T0.plusSeconds(1));
        assertThat(f.deadLetterTopic.getQueueSize()).isEqualTo(1);
        TestRecord<byte[], byte[]> dead = f.deadLetterTopic.readRecord();
        String cut = DeadLetters.header(dead.headers(), DeadLetters.VALUE_TRUNCATED_FROM);
        if (cut == null) {
            assertThat(dead.value()).isEqualTo(value);
        } else {
            // a value too large for a dead-letter record is cut, and the header says from what length
            assertThat(Integer.parseInt(cut)).isEqualTo(value.length);
            assertThat(dead.value()).isEqualTo(java.util.Arrays.copyOf(value, dead.value().length));
            assertThat(dead.value().length).isLessThan(value.length);
        }
        assertThat(dead.key()).isEqualTo(key == null ? null : key.getBytes(StandardCharsets.UTF_8));
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.CANARY_RESULTS);
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(DeadLetters.header(dead.headers(), DeadLetters.REJECTED_BY)).isEqualTo("streams-app");
        // the app kept running: the good record after it was counted
        assertThat(f.series("t1", "ping", "c1").last.statusTotals[0]).isEqualTo(1);
        return dead;
    }

    private static void assertReason(String json, String reason) {
        try (TopologyFixture f = new TopologyFixture()) {
            TestRecord<byte[], byte[]> dead = deadLetterOf(f, "t9", json.getBytes(StandardCharsets.UTF_8));
            assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).startsWith(reason + ": ");
            for (String r : Reasons.ALL) {
                assertThat(f.deadLetters(r)).as(r).isEqualTo(r.equals(reason) ? 1 : 0);
            }
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

    @Test
    void shouldDeadLetterARecordLargerThanTheLimitBeforeParsingIt() {
        String big = "{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"labels\": {\"note\": \"" + "x".repeat(1000) + "\"}, \"error_message\": \"" + "y".repeat(300_000) + "\"}";
        assertReason(big, "too_large");
    }

    @Test
    void shouldDeadLetterANotANumberGivenAsText() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"packet_loss_percent\": \"NaN\"}", "invalid_schema");
    }

    @Test
    void shouldDeadLetterATargetWithAControlCharacter() {
        assertReason("{\"type\": \"ping\", \"canary_id\": \"c1\", \"target\": \"t\\u001f9\", \"status\": \"SUCCESS\"}",
                "invalid_schema");
    }

    @Test
    void shouldDeadLetterATracerouteWithANullHop() {
        assertReason("{\"type\": \"traceroute\", \"canary_id\": \"c1\", \"target\": \"t9\", \"status\": \"SUCCESS\","
                + " \"hops\": [null]}", "invalid_schema");
    }

    @Test
    void shouldDeadLetterAResultFromTheFutureWithoutMovingStreamTime() {
        try (TopologyFixture f = new TopologyFixture()) {
            // a canary host whose clock is ten years ahead (the driver's wall clock is T0)
            TestRecord<byte[], byte[]> dead = deadLetterOf(f, "t9", Results.ping("c1", "t9", "SUCCESS", 1.0, 0.0,
                    T0.plus(Duration.ofDays(3653))).getBytes(StandardCharsets.UTF_8));
            assertThat(DeadLetters.header(dead.headers(), DeadLetters.REASON)).startsWith("timestamp_in_future: ");
            assertThat(f.deadLetters(Reasons.TIMESTAMP_IN_FUTURE)).isEqualTo(1);
            // stream time did not jump ten years: a result of the current window is not late
            f.sendResult("t1", "c1", "SUCCESS", 2.0, T0.plusSeconds(2));
            assertThat(f.counter(Counters.LATE)).isZero();
            assertThat(f.series("t1", "ping", "c1").open).containsKey(T0.toEpochMilli());
        }
    }

    @Test
    void shouldAcceptAResultWithinTheClockSkew() {
        try (TopologyFixture f = new TopologyFixture()) {
            f.sendResult("t1", "c1", "SUCCESS", 2.0, T0.plus(Duration.ofMinutes(4)));
            assertThat(f.deadLetterTopic.isEmpty()).isTrue();
            assertThat(f.series("t1", "ping", "c1").last.statusTotals[0]).isEqualTo(1);
        }
    }
}

package io.netobs.streams.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {
    private static final List<DateTimeFormatter> SHAPES = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx"),   // Python isoformat, +00:00
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SXXX"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx"),
            DateTimeFormatter.ISO_OFFSET_DATE_TIME);

    /** What the extractor returned before the fast path: the full parser's time if not before 1970, else -1. */
    private static long slow(String text) {
        String json = "{\"type\": \"ping\", \"canary_id\": \"pop\", \"target\": \"example.test\", \"timestamp\": \""
                + text + "\", \"status\": \"SUCCESS\", \"rtt_avg_ms\": 1.0}";
        CanaryResult r = PayloadSerdes.CANARY_RESULT.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
        return r.observedAt().map(Instant::toEpochMilli).filter(ms -> ms >= 0).orElse(-1L);
    }

    @Test
    void shouldMatchTheFullParserOnTheShapesAgentsWrite() {
        Random rnd = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            Instant at = Instant.ofEpochSecond(rnd.nextLong(4_102_444_800L), rnd.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((rnd.nextInt(49) - 24) * 1800);
            String text = SHAPES.get(i % SHAPES.size()).withZone(i % 2 == 0 ? ZoneOffset.UTC : offset).format(at);
            long fast = IsoTimestamps.epochMillis(text);
            assertThat(fast).as(text).isNotEqualTo(IsoTimestamps.NOT_FAST).isEqualTo(slow(text));
        }
    }

    @Test
    void shouldLeaveEverythingElseToTheFullParser() {
        List<String> others = new ArrayList<>(List.of(
                "2026-02-30T00:00:00Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-03-01T24:00:00Z",
                "2026-03-01T23:59:60Z", "2026-13-01T00:00:00Z", "2026-03-01t00:00:00Z", "2026-03-01T00:00:00z",
                "2026-03-01T00:00:00", "2026-03-01T00:00Z", "2026-03-01 00:00:00+00:00", "2026-03-01T00:00:00.Z",
                "2026-03-01T00:00:00.1234567891Z", "2026-03-01T00:00:00+19:00", "2026-03-01T00:00:00+01:00:30",
                "1969-12-31T23:59:59Z", "1970-01-01T00:30:00+01:00", "1970-01-01T00:00:00.000Z",
                "+12026-03-01T00:00:00Z", "2026-03-01T00:00:00+0100", "2026-0x-01T00:00:00Z", "2026-03-01T0a:00:00Z",
                "2026-03-01T00:00:00+-1:00", "not a time", "2100-12-31T23:59:59.999999999-18:00"));
        for (String text : others) {
            long fast = IsoTimestamps.epochMillis(text);
            if (fast != IsoTimestamps.NOT_FAST) {
                assertThat(fast).as(text).isEqualTo(slow(text));
            }
        }
        // Shapes the fast path must not judge itself: the full parser rejects or reads them.
        for (String text : List.of("2026-02-30T00:00:00Z", "2026-03-01t00:00:00Z", "1969-12-31T23:59:59Z",
                "1970-01-01T00:30:00+01:00", "2026-03-01T00:00:00+01:00:30", "2026-03-01T00:00Z")) {
            assertThat(IsoTimestamps.epochMillis(text)).as(text).isEqualTo(IsoTimestamps.NOT_FAST);
        }
    }
}

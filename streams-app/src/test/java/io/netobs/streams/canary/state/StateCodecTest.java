package io.netobs.streams.canary.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.streams.canary.Results;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static CanaryResult result(String json) {
        return PayloadSerdes.CANARY_RESULT.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Results of every type, with and without the optional fields, 0 ms and out-of-order latencies. */
    static List<CanaryResult> mixed() {
        return List.of(
                result(Results.ping("pop-a", "example.test", "SUCCESS", 12.5, 0.0, T0)),
                result(Results.ping("pop-a", "example.test", "SUCCESS", 0.0, 20.0, T0.plusSeconds(2))),
                result(Results.ping("pop-b", "example.test", "TIMEOUT", null, 100.0, "timed out", T0.plusSeconds(1))),
                result(Results.ping("pop-a", "example.test", "FAILURE", 3000.25, null, T0.minusSeconds(1))),
                result(Results.dns("pop-a", "example.test", "SUCCESS", 4.5, "A", "127.0.0.1:53",
                        "[\"192.0.2.1\", \"192.0.2.2\"]", null, T0)),
                result(Results.dns("pop-a", "example.test", "ERROR", null, null, null, null, "servfail", T0)),
                result(Results.http("pop-c", "example.test", "SUCCESS", 88.0, 200, 5120L, true, null, T0)),
                result(Results.http("pop-c", "example.test", "FAILURE", 91.0, 503, null, null, "bad", T0)));
    }

    /** A record that saw every result: last values of every kind and two open windows. */
    private static SeriesRecord everything() {
        SeriesRecord r = new SeriesRecord();
        for (CanaryResult c : mixed()) {
            long t = c.observedAt().orElseThrow().toEpochMilli();
            r.last.add(c, t);
            r.open.computeIfAbsent(t - Math.floorMod(t, 60_000), s -> new SeriesWindow()).add(c, t);
        }
        r.lastSeenMs = 1_700_000_000_123L;
        return r;
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("store", value);
        return serde.deserializer().deserialize("store", bytes);
    }

    @Test
    void shouldRoundTripASeriesRecordOfEveryTypeExactly() {
        SeriesRecord r = everything();
        SeriesRecord back = roundTrip(SeriesRecordCodec.INSTANCE, r);
        assertThat(back).usingRecursiveComparison().isEqualTo(r);
        assertThat(back.open).hasSize(2);
        // The decoded record keeps aggregating like the original.
        CanaryResult next = result(Results.ping("pop-a", "example.test", "SUCCESS", 7.0, 0.0, T0.plusSeconds(3)));
        long t = T0.plusSeconds(3).toEpochMilli();
        r.open.get(T0.toEpochMilli()).add(next, t);
        back.open.get(T0.toEpochMilli()).add(next, t);
        assertThat(back.open.get(T0.toEpochMilli()).toAggregate("x", "ping", "c", 0, 1))
                .isEqualTo(r.open.get(T0.toEpochMilli()).toAggregate("x", "ping", "c", 0, 1));
        assertThat(roundTrip(SeriesRecordCodec.INSTANCE, new SeriesRecord())).usingRecursiveComparison()
                .isEqualTo(new SeriesRecord());
    }

    @Test
    void shouldRoundTripAggregatesWithAndWithoutLatencies() {
        List<CanaryAggregate> all = new ArrayList<>();
        everything().open.forEach((start, w) -> all.add(w.toAggregate("example.test", "ping", "pop-a", start, start + 60_000)));
        all.add(new CanaryAggregate(null, "example.test", "tcp", null, 0, 60_000, 0, null, 0.0, 0,
                null, null, null, null, null, null, null, null));
        all.add(new CanaryAggregate(1, "example.test", "http", "c", 0, 60_000, 3, Map.of("SUCCESS", 3L), 1.0, 3,
                1.0, 3.0, 2.0, 2.0, 3.0, 3.0, 0.5, 1.0));
        for (CanaryAggregate a : all) {
            assertThat(roundTrip(AggregateCodec.INSTANCE, a)).isEqualTo(a);
        }
    }

    /**
     * The bound the decode processor relies on: whatever the input, a series record stays far below a
     * changelog record's limit (1 MiB by default), so no write of it can be refused.
     */
    @Test
    void shouldKeepTheLargestPossibleSeriesRecordFarBelowARecord() {
        SeriesRecord r = new SeriesRecord();
        String label = "x".repeat(1024);
        long t = T0.toEpochMilli();
        for (int i = 0; i < SeriesState.MAX_DNS_KEYS + 10; i++) {
            List<String> answers = new ArrayList<>();
            for (int a = 0; a < CanaryResult.MAX_LIST; a++) {
                answers.add(label);
            }
            CanaryResult dns = new CanaryResult(1, "dns", label, label, T0.toString(),
                    io.netobs.schema.Status.SUCCESS, label, null, 1.0 + i, label, null, null, null, null, null, null,
                    null, null, null, label + i, label + i, answers, label, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null);
            r.last.add(dns, t);
        }
        // a window whose latencies hit every sketch bucket from a nanosecond to a day
        SeriesWindow w = new SeriesWindow();
        for (double ms = 1e-6; ms < 86_400_000; ms *= 1.01) {
            CanaryResult ping = new CanaryResult(1, "ping", "c", "t", T0.toString(), io.netobs.schema.Status.SUCCESS,
                    null, null, null, null, ms, null, null, null, null, 50.0, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            w.add(ping, t);
        }
        r.open.put(t, w);
        r.open.put(t + 60_000, w);
        int size = SeriesRecordCodec.INSTANCE.serialize("s", r).length;
        assertThat(size).as("bytes of the largest series record").isLessThan(256 * 1024);
    }

    @Test
    void shouldRefuseAnUnknownFormatByteClearly() {
        byte[] bytes = SeriesRecordCodec.INSTANCE.serialize("store", new SeriesRecord());
        bytes[0] = 0x7f;
        assertThatThrownBy(() -> SeriesRecordCodec.INSTANCE.deserialize("store", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("SeriesRecord").hasMessageContaining("unknown format byte 0x7f");
        assertThatThrownBy(() -> AggregateCodec.INSTANCE.deserialize("store", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("empty value");
    }

    @Test
    void shouldRefuseTruncatedAndTrailingBytes() {
        byte[] bytes = SeriesRecordCodec.INSTANCE.serialize("store", everything());
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> SeriesRecordCodec.INSTANCE.deserialize("store", truncated))
                    .as("cut at " + cut).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("cannot read SeriesRecord");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> SeriesRecordCodec.INSTANCE.deserialize("store", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldKeepNullAsATombstone() {
        assertThat(SeriesRecordCodec.INSTANCE.serialize("store", null)).isNull();
        assertThat(SeriesRecordCodec.INSTANCE.deserialize("store", null)).isNull();
    }
}

package io.netobs.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Json;
import io.netobs.schema.PayloadSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StoreCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static CanaryResult result(String json) {
        return PayloadSerdes.CANARY_RESULT.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
    }

    /** Results of every type, with and without the optional fields, 0 ms and out-of-order latencies. */
    private static List<CanaryResult> mixed() {
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

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("store", value);
        return serde.deserializer().deserialize("store", bytes);
    }

    private static String json(Object value) throws Exception {
        return Json.MAPPER.writeValueAsString(value);
    }

    @Test
    void shouldRoundTripAWindowOfEveryTypeExactly() throws Exception {
        TargetWindow w = new TargetWindow();
        for (CanaryResult r : mixed()) {
            w.add(r, r.observedAt().orElseThrow().toEpochMilli());
        }
        TargetWindow back = roundTrip(StoreSerdes.TARGET_WINDOW, w);
        assertThat(json(back)).isEqualTo(json(w));
        assertThat(back.toAggregates("example.test", 0, 60_000)).isEqualTo(w.toAggregates("example.test", 0, 60_000));
        // The decoded window keeps aggregating like the original.
        CanaryResult next = result(Results.ping("pop-a", "example.test", "SUCCESS", 7.0, 0.0, T0.plusSeconds(3)));
        w.add(next, T0.plusSeconds(3).toEpochMilli());
        back.add(next, T0.plusSeconds(3).toEpochMilli());
        assertThat(json(back)).isEqualTo(json(w));
        assertThat(roundTrip(StoreSerdes.TARGET_WINDOW, new TargetWindow()).series).isEmpty();
    }

    @Test
    void shouldRoundTripTheLastValuesOfEveryType() throws Exception {
        TargetState s = new TargetState();
        for (CanaryResult r : mixed()) {
            s.add(r, r.observedAt().orElseThrow().toEpochMilli());
        }
        assertThat(json(roundTrip(StoreSerdes.TARGET_STATE, s))).isEqualTo(json(s));
        TargetState fresh = new TargetState();
        fresh.series.put("tcp", new java.util.TreeMap<>(java.util.Map.of("pop-z", new SeriesState())));
        assertThat(json(roundTrip(StoreSerdes.TARGET_STATE, fresh))).isEqualTo(json(fresh));
    }

    @Test
    void shouldRoundTripLatestWindowsWithAndWithoutLatencies() {
        TargetWindow w = new TargetWindow();
        for (CanaryResult r : mixed()) {
            w.add(r, r.observedAt().orElseThrow().toEpochMilli());
        }
        LatestWindows latest = new LatestWindows();
        w.toAggregates("example.test", 60_000, 120_000).forEach(latest::put);
        latest.put(new CanaryAggregate(null, "example.test", "tcp", null, 0, 60_000, 0, null, 0.0, 0,
                null, null, null, null, null, null, null, null));
        assertThat(roundTrip(StoreSerdes.LATEST_WINDOWS, latest).windows).isEqualTo(latest.windows);
    }

    @Test
    void shouldRefuseAnUnknownFormatByteClearly() {
        byte[] bytes = StoreSerdes.TARGET_WINDOW.serializer().serialize("store", new TargetWindow());
        bytes[0] = 0x7f;
        assertThatThrownBy(() -> StoreSerdes.TARGET_WINDOW.deserializer().deserialize("store", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("TargetWindow").hasMessageContaining("unknown format byte 0x7f");
        // A JSON value from before the binary format starts with '{'.
        assertThatThrownBy(() -> StoreSerdes.TARGET_STATE.deserializer()
                .deserialize("store", "{\"series\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 0x7b");
        assertThatThrownBy(() -> StoreSerdes.LATEST_WINDOWS.deserializer().deserialize("store", new byte[0]))
                .isInstanceOf(SerializationException.class).hasMessageContaining("empty value");
    }

    @Test
    void shouldRefuseTruncatedAndTrailingBytes() {
        TargetWindow w = new TargetWindow();
        for (CanaryResult r : mixed()) {
            w.add(r, r.observedAt().orElseThrow().toEpochMilli());
        }
        byte[] bytes = StoreSerdes.TARGET_WINDOW.serializer().serialize("store", w);
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> StoreSerdes.TARGET_WINDOW.deserializer().deserialize("store", truncated))
                    .as("cut at " + cut).isInstanceOf(SerializationException.class)
                    .hasMessageContaining("cannot read TargetWindow");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> StoreSerdes.TARGET_WINDOW.deserializer().deserialize("store", longer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void shouldKeepNullAsATombstone() {
        assertThat(StoreSerdes.TARGET_WINDOW.serializer().serialize("store", null)).isNull();
        assertThat(StoreSerdes.TARGET_WINDOW.deserializer().deserialize("store", null)).isNull();
    }
}

package io.netobs.streams.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PathRecordCodecTest {
    @Test
    void shouldReadBackEveryField() {
        PathRecord r = new PathRecord();
        r.current = Paths.path("g", "*", "a|b", "T");
        r.sinceMs = 1_700_000_000_000L;
        r.results = 3;
        r.open = new PathRecord.OpenChange("PATH_CHANGED|T|c|1", 1L, Paths.path("g", "x", "T"), r.current, 2);
        r.changes = 4;
        r.stale = 5;
        r.truncated = 6;
        r.lastResultMs = 1_700_000_060_000L;
        r.lastSeenMs = 1_700_000_061_000L;
        r.pop = "lhr";
        r.latencyMs = new double[] {0.5, Double.NaN, 5.25, 10.0};
        r.lossRatio = new double[] {0.0, 1.0, 0.25, 0.0};

        byte[] bytes = PathRecordCodec.INSTANCE.serialize("t", r);
        PathRecord back = PathRecordCodec.INSTANCE.deserialize("t", bytes);
        assertThat(back).usingRecursiveComparison().ignoringFields("latencyMs").isEqualTo(r);
        assertThat(java.util.Arrays.equals(back.latencyMs, r.latencyMs)).as("NaN stays NaN").isTrue();
        assertThat(PathRecordCodec.INSTANCE.serialize("t", back)).isEqualTo(bytes);

        PathRecord empty = PathRecordCodec.INSTANCE.deserialize("t", PathRecordCodec.INSTANCE.serialize("t", new PathRecord()));
        assertThat(empty).usingRecursiveComparison().isEqualTo(new PathRecord());
    }

    @Test
    void shouldRefuseAnotherFormatAndATruncatedValue() {
        byte[] bytes = PathRecordCodec.INSTANCE.serialize("t", new PathRecord());
        bytes[0] = 9;
        assertThatThrownBy(() -> PathRecordCodec.INSTANCE.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("unknown format byte 0x09");
        byte[] good = PathRecordCodec.INSTANCE.serialize("t", new PathRecord());
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 2);
        assertThatThrownBy(() -> PathRecordCodec.INSTANCE.deserialize("t", cut)).isInstanceOf(SerializationException.class);
    }
}

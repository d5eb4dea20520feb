package io.netobs.streams.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObservationCodecTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static Observation roundTrip(Observation o) {
        return ObservationCodec.INSTANCE.deserialize("r", ObservationCodec.INSTANCE.serialize("r", o));
    }

    @Test
    void shouldCarryEveryFieldOfEveryResultShapeThroughTheRepartition() {
        List<String> shapes = List.of(
                Results.ping("pop-a", "8.8.8.8", "SUCCESS", 11.0, 0.0, T0),
                Results.dns("dns-1", "example.com", "SUCCESS", 23.5, "A", "System Default", "[\"93.184.216.34\"]", null, T0),
                Results.http("http-1", "https://example.com", "FAILURE", 90.0, 200, 10L, false, "mismatch", T0));
        for (String json : shapes) {
            CanaryResult r = PayloadSerdes.CANARY_RESULT.deserialize("t", json.getBytes(StandardCharsets.UTF_8));
            assertThat(roundTrip(new Observation(r, 42L, 3))).isEqualTo(new Observation(r, 42L, 3));
        }
        CanaryResult full = new CanaryResult(1, "traceroute", "c", "t", T0.toString(), Status.FAILURE, "lhr",
                Map.of("rack", "r1"), 12.0, "err", 1.0, 0.5, 2.0, 0.1, 0.2, 25.0, 4, 3, Arrays.asList(1.0, null, 2.0),
                "AAAA", "[::1]:53", Arrays.asList("a", null), "NOERROR", 204, 0L, Boolean.TRUE, 2, 0.1, 0.2, 0.3, 0.4,
                0.5, "TLSv1.3", 1_800_000_000L, "HTTP/2", 443,
                List.of(new CanaryResult.Hop(1, "192.0.2.1", Arrays.asList(1.0, null), 50.0),
                        new CanaryResult.Hop(2, null, null, null)), Boolean.FALSE);
        assertThat(roundTrip(new Observation(full, -5L, 0))).isEqualTo(new Observation(full, -5L, 0));
    }
}

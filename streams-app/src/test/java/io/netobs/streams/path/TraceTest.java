package io.netobs.streams.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.CanaryResult.Hop;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.Status;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a result's hops become a path and per-TTL figures. */
class TraceTest {
    private static CanaryResult result(Status status, Boolean reached, Hop... hops) {
        return CanaryResult.builder("traceroute", "c", "T", Instant.EPOCH, status).hops(List.of(hops))
                .destinationReached(reached).build();
    }

    @Test
    void shouldGroupEntriesOfOneTtlIntoOneLoadBalancedHop() {
        Trace t = Trace.of(result(Status.SUCCESS, true,
                new Hop(1, "g", List.of(1.0, 2.0, 9.0), 0.0),
                new Hop(2, "b", Arrays.asList(5.0, null), 50.0),
                new Hop(2, "a", List.of(6.0), 0.0),
                new Hop(3, "T", List.of(7.0, 8.0), 0.0)));
        assertThat(t.path()).isEqualTo(Paths.path("g", "a|b", "T"));
        assertThat(t.latencyMs()).containsExactly(2.0, 5.5, 7.5);
        assertThat(t.lossRatio()).containsExactly(0.0, 0.25, 0.0);
        assertThat(t.truncated()).isFalse();
    }

    @Test
    void shouldDropTrailingNonAnsweringHopsAndKeepTheirLoss() {
        Trace t = Trace.of(result(Status.FAILURE, false,
                new Hop(1, "g", List.of(1.0), null),
                new Hop(2, null, Arrays.asList(null, null), null),
                new Hop(3, "???", List.of(), 100.0)));
        assertThat(t.path()).isEqualTo(Paths.partial("g"));
        assertThat(t.lossRatio()).containsExactly(0.0, 1.0, 1.0);
        assertThat(Double.isNaN(t.latencyMs()[1])).isTrue();
    }

    @Test
    void shouldTakeReachedFromTheStatusWhenTheResultDoesNotSay() {
        assertThat(Trace.of(result(Status.SUCCESS, null, new Hop(1, "T", List.of(1.0), 0.0))).path().reached()).isTrue();
        assertThat(Trace.of(result(Status.FAILURE, null, new Hop(1, "g", List.of(1.0), 0.0))).path().reached()).isFalse();
        assertThat(Trace.of(CanaryResult.builder("traceroute", "c", "T", Instant.EPOCH, Status.ERROR).build())).isNull();
    }

    @Test
    void shouldRefuseWhatCannotBeAHop() {
        assertThatThrownBy(() -> Trace.of(result(Status.SUCCESS, true, new Hop(0, "g", List.of(), null))))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("ttl 0");
        assertThatThrownBy(() -> Trace.of(result(Status.SUCCESS, true, new Hop(1, "g".repeat(256), List.of(), null))))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("256 characters");
    }

    @Test
    void shouldBoundAddressesPerTtl() {
        Hop[] hops = new Hop[Trace.MAX_ADDRESSES + 2];
        for (int i = 0; i < hops.length; i++) {
            hops[i] = new Hop(1, "10.0.0." + i, List.of(1.0), 0.0);
        }
        Trace t = Trace.of(result(Status.FAILURE, false, hops));
        assertThat(t.path().at(1)).hasSize(Trace.MAX_ADDRESSES);
        assertThat(t.truncated()).isTrue();
    }
}

package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void shouldDoubleFromTheMinimumUpToTheCapWithEqualJitter() {
        Backoff low = new Backoff(1000, 30_000, n -> 0);
        Backoff high = new Backoff(1000, 30_000, n -> n);
        long[] ceilings = {1000, 2000, 4000, 8000, 16_000, 30_000, 30_000};
        for (long ceiling : ceilings) {
            assertThat(low.nextDelayMs()).isEqualTo(ceiling / 2);
            assertThat(high.nextDelayMs()).isEqualTo(ceiling);
        }
        assertThat(low.failures()).isEqualTo(ceilings.length);
    }

    @Test
    void shouldStayWithinTheBoundsWithRealRandomnessAndActuallyJitter() {
        Set<Long> seen = new HashSet<>();
        for (int run = 0; run < 200; run++) {
            Backoff b = new Backoff(100, 800, n -> ThreadLocalRandom.current().nextLong(n + 1));
            for (int failure = 1; failure <= 6; failure++) {
                long ceiling = Math.min(800, 100L << (failure - 1));
                long d = b.nextDelayMs();
                assertThat(d).as("failure %d", failure).isBetween(ceiling / 2, ceiling);
                if (failure == 3) {
                    seen.add(d);
                }
            }
        }
        assertThat(seen).as("jitter spreads clients out").hasSizeGreaterThan(20);
    }

    @Test
    void shouldNotOverflowAfterVeryManyFailures() {
        Backoff b = new Backoff(1, Long.MAX_VALUE / 4, n -> n);
        long last = 0;
        for (int i = 0; i < 200; i++) {
            last = b.nextDelayMs();
            assertThat(last).isPositive();
        }
        assertThat(last).isEqualTo(Long.MAX_VALUE / 4);
        assertThat(new Backoff(1000, 60_000, n -> n).ceilingMs(Integer.MAX_VALUE)).isEqualTo(60_000);
    }

    @Test
    void shouldStartOverOnlyWhenReset() {
        Backoff b = new Backoff(100, 10_000, n -> n);
        b.nextDelayMs();
        b.nextDelayMs();
        assertThat(b.nextDelayMs()).isEqualTo(400);
        b.reset();
        assertThat(b.failures()).isZero();
        assertThat(b.nextDelayMs()).isEqualTo(100);
    }

    @Test
    void shouldRefuseImpossibleBounds() {
        assertThatThrownBy(() -> new Backoff(0, 10, n -> n)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(10, 5, n -> n)).isInstanceOf(IllegalArgumentException.class);
    }
}

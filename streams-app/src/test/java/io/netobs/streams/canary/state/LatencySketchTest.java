package io.netobs.streams.canary.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class LatencySketchTest {

    @Test
    void shouldStayWithinOnePercentOfExactQuantilesForAHeavyTail() {
        Random rnd = new Random(7);
        double[] samples = new double[50_000];
        LatencySketch sketch = new LatencySketch();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 0.05 + Math.pow(rnd.nextDouble(), -1.5); // Pareto-like: 1 ms .. very large
            sketch.add(samples[i]);
        }
        Arrays.sort(samples);
        for (double q : new double[] {0, 0.01, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1}) {
            assertThat(sketch.quantile(q)).as("q=" + q)
                    .isCloseTo(samples[(int) Math.floor(q * (samples.length - 1))], Percentage.withPercentage(1));
        }
    }

    @Test
    void shouldMergeIntoExactlyTheSketchOfAllSamples() {
        LatencySketch a = new LatencySketch();
        LatencySketch b = new LatencySketch();
        LatencySketch all = new LatencySketch();
        for (int i = 1; i <= 1000; i++) {
            (i % 3 == 0 ? a : b).add(i * 0.37);
            all.add(i * 0.37);
        }
        a.merge(b);
        assertThat(a.count()).isEqualTo(1000);
        assertThat(a.bins()).isEqualTo(all.bins());
    }

    @Test
    void shouldReportZeroLatenciesAsZero() {
        LatencySketch s = new LatencySketch();
        s.add(0);
        s.add(0);
        s.add(5);
        assertThat(s.quantile(0.5)).isZero();
        assertThat(s.quantile(1)).isCloseTo(5, Percentage.withPercentage(1));
    }
}

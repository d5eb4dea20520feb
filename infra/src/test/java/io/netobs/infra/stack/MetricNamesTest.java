package io.netobs.infra.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the rules and dashboards read is one the components expose by contract, and every recording-rule name
 * they read is defined. MetricNamesIT checks the same names against a real scrape of the running pipeline.
 */
class MetricNamesTest {

    @Test
    void extractsMetricNamesAndSkipsFunctionsLabelsStringsAndKeywords() {
        assertThat(PromQlNames.metricNames("""
                count by (target, group) (group by (target, pop) (a_total{kind=~"b_c|d"} * on (x) group_left (pop) c:d))
                >= on (target) clamp_max(e_seconds offset 1d, 2) and bool f[5m] or label_replace(g, "h", "$1", "i", "(.*)")
                """)).containsExactlyInAnyOrder("a_total", "c:d", "e_seconds", "f", "g");
        assertThat(PromQlNames.metricNames("sum(rate(x_sum[5m])) / sum(rate(x_count[5m])) > 0.5 * 1e3"))
                .containsExactlyInAnyOrder("x_sum", "x_count");
        assertThat(PromQlNames.exposed("x_count", Set.of("x"))).isTrue();
        assertThat(PromQlNames.exposed("x_total", Set.of("x"))).isFalse();
    }

    @Test
    void readsFamilyAndSampleNamesFromAnExposition() {
        String text = """
                # HELP a_total Things.
                # TYPE a_total counter
                a_total{x="1 2"} 3
                # TYPE b summary
                b_count 1
                b_sum 2.5
                c 4 1700000000000
                # EOF
                """;
        assertThat(ExpositionNames.of(text)).containsExactlyInAnyOrder("a_total", "b", "b_count", "b_sum", "c");
    }

    @Test
    void everyUsedMetricIsInTheComponentsContract() {
        Set<String> contract = UsedMetricNames.resource("/stack/contract-metric-names.txt");
        Map<String, String> used = UsedMetricNames.collect();
        assertThat(used).hasSizeGreaterThan(40);
        Map<String, String> unknown = new TreeMap<>();
        used.forEach((name, source) -> {
            if (!PromQlNames.exposed(name, contract)) {
                unknown.put(name, source);
            }
        });
        assertThat(unknown).as("metric names not in the contract (name -> first use)").isEmpty();
    }

    @Test
    void everyRecordingRuleNameReadIsDefined() {
        Map<String, String> undefined = new TreeMap<>();
        UsedMetricNames.collect().forEach((name, source) -> {
            if (name.contains(":")) {
                undefined.put(name, source);
            }
        });
        assertThat(undefined).as("level:metric:operation names read but not recorded (name -> first use)").isEmpty();
    }
}

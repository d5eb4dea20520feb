package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerting IT's override of the stack files scales every duration of the rule machinery and nothing else. */
class StackOverrideTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final TimeScale ten = new TimeScale(10);
    private final StackOverride override = new StackOverride(ten);

    @Test
    void shouldDivideDurations() {
        assertThat(ten.duration("5m")).isEqualTo("30s");
        assertThat(ten.duration("15s")).isEqualTo("1500ms");
        assertThat(ten.duration("1d")).isEqualTo("8640s");
        assertThat(ten.duration("1h30m")).isEqualTo("540s");
        assertThatThrownBy(() -> ten.duration("5 minutes")).hasMessageContaining("not a Prometheus duration");
        assertThatThrownBy(() -> new TimeScale(10_000).duration("5ms")).hasMessageContaining("below 1 ms");
    }

    @Test
    void shouldScaleRangesAndSubqueriesButNotLabelMatchersOrThresholds() {
        assertThat(ten.expression("increase(a_total{x=~\"[0-9]+m\"}[10m]) > 300"))
                .isEqualTo("increase(a_total{x=~\"[0-9]+m\"}[60s]) > 300");
        assertThat(ten.expression("quantile_over_time(0.5, b[1d]) and max_over_time(c[1h:5m]) or d[2h:]"))
                .isEqualTo("quantile_over_time(0.5, b[8640s]) and max_over_time(c[360s:30s]) or d[720s:]");
    }

    @Test
    void shouldScaleRuleFilesIntervalsForsAndRanges() throws Exception {
        JsonNode rules = YAML.readTree("""
                groups:
                  - name: g
                    interval: 5m
                    rules:
                      - alert: A
                        expr: sum(rate(x_total[5m])) > 0
                        for: 10m
                        labels: {severity: warning}
                      - record: r
                        expr: y
                """);
        JsonNode out = override.rules(rules);
        assertThat(out.at("/groups/0/interval").asText()).isEqualTo("30s");
        assertThat(out.at("/groups/0/rules/0/for").asText()).isEqualTo("60s");
        assertThat(out.at("/groups/0/rules/0/expr").asText()).isEqualTo("sum(rate(x_total[30s])) > 0");
        assertThat(out.at("/groups/0/rules/0/labels/severity").asText()).isEqualTo("warning");
        assertThat(out.at("/groups/0/rules/1").has("for")).isFalse();
    }

    @Test
    void shouldPointPrometheusAtTheTestPortsAndKeepItsRelabelling() throws Exception {
        JsonNode prom = YAML.readTree("""
                global: {scrape_interval: 15s, evaluation_interval: 15s}
                alerting: {alertmanagers: [{static_configs: [{targets: ['alertmanager:9093']}]}]}
                rule_files: [rules/*.yml]
                scrape_configs:
                  - job_name: streams-app
                    static_configs: [{targets: ['a:8080', 'b:8080']}]
                    metric_relabel_configs: [{source_labels: [target], target_label: group}]
                  - job_name: agent
                    static_configs: [{targets: ['c:9101'], labels: {pop: compose}}]
                """);
        ObjectNode extra = YAML.createObjectNode().put("target_label", "group").put("replacement", "test");
        JsonNode out = override.prometheus(prom, Map.of("streams-app", "127.0.0.1:1", "agent", "127.0.0.1:2"),
                "127.0.0.1:3", "/tmp/r/*.yml", List.of(extra));
        assertThat(out.at("/global/scrape_interval").asText()).isEqualTo("1500ms");
        assertThat(out.at("/global/scrape_timeout").asText()).isEqualTo("1s");
        assertThat(out.at("/alerting/alertmanagers/0/static_configs/0/targets").toString()).isEqualTo("[\"127.0.0.1:3\"]");
        assertThat(out.at("/rule_files").toString()).isEqualTo("[\"/tmp/r/*.yml\"]");
        assertThat(out.at("/scrape_configs/0/static_configs/0/targets").toString()).isEqualTo("[\"127.0.0.1:1\"]");
        assertThat(out.at("/scrape_configs/0/metric_relabel_configs")).hasSize(2);
        assertThat(out.at("/scrape_configs/1/static_configs/0/labels/pop").asText()).isEqualTo("compose");
        assertThatThrownBy(() -> override.prometheus(prom, Map.of("streams-app", "x"), "y", "z", List.of()))
                .hasMessageContaining("agent");
    }

    @Test
    void shouldScaleAlertmanagerTimersAndAddAWebhookToEveryReceiver() throws Exception {
        JsonNode am = YAML.readTree("""
                global: {resolve_timeout: 5m}
                route:
                  receiver: w
                  group_wait: 30s
                  group_interval: 5m
                  repeat_interval: 4h
                  routes: [{receiver: c, matchers: ['severity="critical"'], group_wait: 10s}]
                receivers: [{name: w}, {name: c}]
                inhibit_rules: [{source_matchers: ['a="b"'], target_matchers: ['c="d"'], equal: [group]}]
                """);
        JsonNode out = override.alertmanager(am, "http://127.0.0.1:9/hook");
        assertThat(out.at("/route/group_wait").asText()).isEqualTo("3s");
        assertThat(out.at("/route/repeat_interval").asText()).isEqualTo("1440s");
        assertThat(out.at("/route/routes/0/group_wait").asText()).isEqualTo("1s");
        assertThat(out.at("/receivers/1/webhook_configs/0/url").asText()).isEqualTo("http://127.0.0.1:9/hook/c");
        assertThat(out.at("/inhibit_rules")).isEqualTo(am.at("/inhibit_rules"));
    }
}

package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every alert rule is unit-tested both ways (one promtool case where it fires, one where it does not), carries the
 * labels Alertmanager routes and inhibits on (a literal severity, or the series' own with a literal fallback), and says
 * what happened.
 */
class RuleCoverageTest {
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final Set<String> COMPONENTS = Set.of("canary", "bgp", "platform");
    /** A severity taken from the series (BGP events carry their own), with a fixed fallback. */
    private static final Pattern SEVERITY_FROM_SERIES = Pattern.compile("\\{\\{ or \\$labels\\.severity \"([a-z]+)\" }}");

    @Test
    void everyAlertHasAFiringAndANotFiringTestCase() {
        Set<String> firing = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        Set<String> loadedRuleFiles = new HashSet<>();
        for (Path test : StackFiles.ruleTestFiles()) {
            JsonNode doc = StackFiles.yaml(test);
            doc.path("rule_files").forEach(f -> loadedRuleFiles.add(test.getParent().resolve(f.asText()).normalize().toString()));
            for (JsonNode group : doc.path("tests")) {
                for (JsonNode art : group.path("alert_rule_test")) {
                    String name = art.path("alertname").asText();
                    (art.path("exp_alerts").isEmpty() ? quiet : firing).add(name);
                }
            }
        }
        Set<String> alerts = alertNames();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(20);
        assertThat(firing).as("alerts with a test case where they fire").containsAll(alerts);
        assertThat(quiet).as("alerts with a test case where they stay quiet").containsAll(alerts);
        for (Path rules : StackFiles.ruleFiles()) {
            assertThat(loadedRuleFiles).as("rule files loaded by some promtool test").contains(rules.normalize().toString());
        }
    }

    @Test
    void everyAlertCarriesRoutingLabelsAndAnnotations() {
        for (Path file : StackFiles.ruleFiles()) {
            for (JsonNode group : StackFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (!rule.has("alert")) {
                        continue;
                    }
                    String name = rule.get("alert").asText();
                    assertThat(name).startsWith("Netobs");
                    String severity = rule.path("labels").path("severity").asText();
                    Matcher fromSeries = SEVERITY_FROM_SERIES.matcher(severity);
                    if (fromSeries.matches()) {
                        // The event's own severity: only meaningful if the expression keeps the series' label.
                        assertThat(fromSeries.group(1)).as(name + " fallback severity").isIn(SEVERITIES);
                        assertThat(rule.path("expr").asText()).as(name + " keeps `severity`").containsPattern("by \\([^)]*\\bseverity\\b");
                    } else {
                        assertThat(severity).as(name + " severity").isIn(SEVERITIES);
                    }
                    assertThat(rule.path("labels").path("component").asText()).as(name + " component").isIn(COMPONENTS);
                    assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
                    assertThat(rule.path("annotations").path("description").asText()).as(name + " description").isNotBlank();
                }
            }
        }
    }

    static Set<String> alertNames() {
        Set<String> names = new TreeSet<>();
        for (Path file : StackFiles.ruleFiles()) {
            for (JsonNode group : StackFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("alert")) {
                        assertThat(names.add(rule.get("alert").asText())).as("duplicate alert " + rule.get("alert")).isTrue();
                    }
                }
            }
        }
        return names;
    }
}

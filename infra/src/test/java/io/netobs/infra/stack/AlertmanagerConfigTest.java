package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** alertmanager.yml: valid for amtool, routes by severity and component, BGP visibility loss inhibits canary alerts. */
class AlertmanagerConfigTest {

    @Test
    void configIsValid() {
        Tool.assumeInstalled("amtool");
        Tool.Result result = Tool.run(StackFiles.alertmanagerConfig().getParent(), "amtool", "check-config", "alertmanager.yml");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void routesBySeverityThenComponent() {
        Tool.assumeInstalled("amtool");
        assertRoute("netobs-critical", "alertname=NetobsTargetDown", "severity=critical", "component=canary", "group=example");
        assertRoute("netobs-critical", "alertname=NetobsStreamsAppDown", "severity=critical", "component=platform");
        assertRoute("netobs-warning", "alertname=NetobsPacketLoss", "severity=warning", "component=canary");
        assertRoute("netobs-info", "alertname=NetobsDnsAnswerChanged", "severity=info", "component=canary");
        assertRoute("netobs-platform", "alertname=NetobsDeadLetters", "severity=warning", "component=platform");
    }

    private static void assertRoute(String receiver, String... labels) {
        List<String> cmd = new ArrayList<>(List.of("amtool", "config", "routes", "test", "--config.file=alertmanager.yml",
                "--verify.receivers=" + receiver));
        cmd.addAll(List.of(labels));
        Tool.Result result = Tool.run(StackFiles.alertmanagerConfig().getParent(), cmd.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).contains(receiver);
    }

    /** amtool cannot evaluate inhibitions offline; check the rule's shape instead. */
    @Test
    void bgpVisibilityLossInhibitsCanaryAlertsOfTheSameGroupOnly() {
        JsonNode config = StackFiles.yaml(StackFiles.alertmanagerConfig());
        JsonNode found = null;
        for (JsonNode rule : config.path("inhibit_rules")) {
            if (rule.path("source_matchers").toString().contains("NetobsBgpVisibilityLost")) {
                found = rule;
            }
        }
        assertThat(found).as("inhibit rule with NetobsBgpVisibilityLost as source").isNotNull();
        assertThat(found.path("target_matchers").toString()).contains("component=\\\"canary\\\"");
        assertThat(found.path("equal").toString()).isEqualTo("[\"group\"]");
        // Without this, two alerts that both lack `group` would count as equal and inhibit each other.
        assertThat(found.path("source_matchers").toString()).contains("group=~\\\".+\\\"");
        // A warning (partial visibility loss) must not silence a critical target-down page.
        assertThat(found.path("source_matchers").toString()).contains("severity=\\\"critical\\\"");
        assertThat(RuleCoverageTest.alertNames()).contains("NetobsBgpVisibilityLost");
    }
}

package io.netobs.infra.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** prometheus.yml, the rule files and their unit tests, through promtool as CI runs them. */
class PromtoolTest {

    @Test
    void configIsValidAndLoadsTheRuleFiles() {
        Tool.assumeInstalled("promtool");
        Tool.Result result = Tool.run(StackFiles.prometheus(), "promtool", "check", "config", "prometheus.yml");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        // check config also checks every file rule_files matches; make sure the glob matched them all.
        for (Path rules : StackFiles.ruleFiles()) {
            assertThat(result.output()).as(result.describe()).contains(rules.getFileName().toString());
        }
    }

    @Test
    void ruleFilesAreValid() {
        Tool.assumeInstalled("promtool");
        for (Path rules : StackFiles.ruleFiles()) {
            Tool.Result result = Tool.run(StackFiles.prometheus(), "promtool", "check", "rules", rules.toString());
            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.output()).as(result.describe()).contains("SUCCESS");
        }
    }

    @Test
    void ruleUnitTestsPass() {
        Tool.assumeInstalled("promtool");
        for (Path test : StackFiles.ruleTestFiles()) {
            Tool.Result result = Tool.run(test.getParent(), "promtool", "test", "rules", test.getFileName().toString());
            assertThat(result.exitCode()).as(result.describe()).isZero();
            assertThat(result.output()).as(result.describe()).contains("SUCCESS").doesNotContain("FAILED");
        }
    }
}

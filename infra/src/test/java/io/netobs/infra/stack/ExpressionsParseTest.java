package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every PromQL expression of the stack (rules and dashboards, Grafana variables substituted) parses: each one becomes a
 * recording rule in its own group, named after where it comes from, and promtool checks the file.
 */
class ExpressionsParseTest {

    @Test
    void everyRuleAndDashboardExpressionParses(@TempDir Path tmp) throws IOException {
        Tool.assumeInstalled("promtool");
        List<StackExpressions.Expr> exprs = StackExpressions.all();
        // 44 rules and 86 dashboard queries (panels and variables) today; a collapse of this number means the extraction broke.
        assertThat(exprs).hasSizeGreaterThan(80);

        ObjectNode root = StackFiles.YAML.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (int i = 0; i < exprs.size(); i++) {
            ObjectNode group = groups.addObject();
            group.put("name", i + ": " + exprs.get(i).source());
            ObjectNode rule = group.putArray("rules").addObject();
            rule.put("record", "netobs_expression_check_" + i);
            rule.put("expr", exprs.get(i).promql());
        }
        Path file = tmp.resolve("all-expressions.yml");
        StackFiles.YAML.writeValue(file.toFile(), root);

        Tool.Result result = Tool.run(tmp, "promtool", "check", "rules", file.toString());
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.output()).as(result.describe()).contains("SUCCESS: " + exprs.size() + " rules found").doesNotContain("FAILED");
    }

    @Test
    void grafanaVariablesAreReplacedByValidPromQl() {
        assertThat(StackExpressions.substitute("rate(x{target=\"$target\", probe=~\"${probe}\"}[$__rate_interval])"))
                .isEqualTo("rate(x{target=\"grafana_variable\", probe=~\"grafana_variable\"}[5m])");
        assertThat(StackExpressions.variableQuery("label_values(up{job=\"a\"}, instance)")).isEqualTo("up{job=\"a\"}");
        assertThat(StackExpressions.variableQuery("label_names()")).isNull();
    }
}

package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every PromQL expression of the stack: rule expressions and Grafana queries (panel targets and variable queries). */
final class StackExpressions {
    /** One expression and where it comes from, for failure messages. */
    record Expr(String source, String promql) {
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);
    private static final Pattern GRAFANA_INTERVAL = Pattern.compile("\\$\\{?__(rate_interval|interval|range)\\}?");
    private static final Pattern GRAFANA_VARIABLE = Pattern.compile("\\$\\{[^}]+\\}|\\$[a-zA-Z_][a-zA-Z0-9_]*|\\[\\[[^\\]]+\\]\\]");

    private StackExpressions() {
    }

    static List<Expr> all() {
        List<Expr> all = new ArrayList<>(rules());
        all.addAll(dashboards());
        return all;
    }

    static List<Expr> rules() {
        List<Expr> out = new ArrayList<>();
        for (Path file : StackFiles.ruleFiles()) {
            for (JsonNode group : StackFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    String name = rule.has("record") ? rule.get("record").asText() : rule.path("alert").asText();
                    out.add(new Expr(file.getFileName() + " " + name, rule.path("expr").asText()));
                }
            }
        }
        return out;
    }

    /** Names of the recording rules the stack defines (they are not exposed by the app). */
    static Set<String> recordedNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Path file : StackFiles.ruleFiles()) {
            for (JsonNode group : StackFiles.yaml(file).path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if (rule.has("record")) {
                        names.add(rule.get("record").asText());
                    }
                }
            }
        }
        return names;
    }

    static List<Expr> dashboards() {
        List<Expr> out = new ArrayList<>();
        for (Path file : StackFiles.dashboards()) {
            JsonNode dashboard = StackFiles.json(file);
            String name = file.getFileName().toString();
            collectPanels(name, dashboard.path("panels"), out);
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                JsonNode query = variable.path("query");
                String text = query.isObject() ? query.path("query").asText() : query.asText();
                String promql = variableQuery(text);
                if (promql != null) {
                    out.add(new Expr(name + " variable " + variable.path("name").asText(), substitute(promql)));
                }
            }
        }
        return out;
    }

    private static void collectPanels(String dashboard, JsonNode panels, List<Expr> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    out.add(new Expr(dashboard + " panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                            substitute(target.get("expr").asText())));
                }
            }
            collectPanels(dashboard, panel.path("panels"), out);
        }
    }

    /** The PromQL inside a Grafana Prometheus variable query, or null for the ones that hold none (label_names()). */
    static String variableQuery(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        if (m.matches()) {
            return m.group(1);
        }
        m = QUERY_RESULT.matcher(query);
        return m.matches() ? m.group(1) : null;
    }

    /** Replaces Grafana's template variables with values that keep the expression valid PromQL. */
    static String substitute(String expr) {
        String s = GRAFANA_INTERVAL.matcher(expr).replaceAll("5m");
        return GRAFANA_VARIABLE.matcher(s).replaceAll("grafana_variable");
    }
}

package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs every query of every panel of the shipped Grafana dashboards against Prometheus as Grafana would over a time
 * range: template variables take the values their own queries return ("All" = the variable's allValue), and a panel
 * query has data when some choice of variable values gives it at least one point, as a user picking that value sees.
 */
final class PanelQueries {
    /** One panel query, named for messages: "dashboard.json 'Panel title' A". */
    record Query(String source, String expr) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[^}]*)?}|\\$([a-zA-Z_][a-zA-Z0-9_]*)|\\[\\[([a-zA-Z_][a-zA-Z0-9_]*)]]");

    private final PrometheusApi prometheus;
    private final Instant from;
    private final Duration step;

    PanelQueries(PrometheusApi prometheus, Instant from, Duration step) {
        this.prometheus = prometheus;
        this.from = from;
        this.step = step;
    }

    /** The panel queries of {@code dashboardsDir} that return no point for any choice of variable values. */
    List<Query> withoutData(Path dashboardsDir, List<Query> checked) {
        List<Query> empty = new ArrayList<>();
        try (Stream<Path> files = Files.list(dashboardsDir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = JSON.readTree(file.toFile());
                List<Query> queries = new ArrayList<>();
                collect(file.getFileName().toString(), dashboard.path("panels"), queries);
                for (Query q : queries) {
                    checked.add(q);
                    if (!hasData(q.expr(), dashboard.path("templating").path("list"), new LinkedHashMap<>(), 0)) {
                        empty.add(q);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return empty;
    }

    private static void collect(String dashboard, JsonNode panels, List<Query> out) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    out.add(new Query(dashboard + " '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
                            target.get("expr").asText()));
                }
            }
            collect(dashboard, panel.path("panels"), out);
        }
    }

    /** Tries the variables in dashboard order, each with its values given those chosen before it. */
    private boolean hasData(String expr, JsonNode variables, Map<String, String> chosen, int index) {
        if (index == variables.size()) {
            String promql = substitute(expr, chosen);
            return prometheus.pointsInRange(promql, from, Instant.now(), step) > 0;
        }
        JsonNode v = variables.get(index);
        String name = v.path("name").asText();
        if (!expr.contains("$" + name) && !expr.contains("${" + name) && !expr.contains("[[" + name)) {
            return hasData(expr, variables, chosen, index + 1);
        }
        for (String value : values(v, chosen)) {
            chosen.put(name, value);
            if (hasData(expr, variables, chosen, index + 1)) {
                return true;
            }
        }
        chosen.remove(name);
        return false;
    }

    /** "All" alone when the variable offers it (what a dashboard opens with), else every value its query returns. */
    private List<String> values(JsonNode variable, Map<String, String> chosen) {
        if (variable.path("includeAll").asBoolean() && variable.hasNonNull("allValue")) {
            return List.of(variable.get("allValue").asText());
        }
        JsonNode query = variable.path("query");
        String text = query.isObject() ? query.path("query").asText() : query.asText();
        Matcher m = LABEL_VALUES.matcher(text);
        if (!m.matches()) {
            throw new IllegalStateException("variable " + variable.path("name").asText() + ": query not understood: " + text);
        }
        TreeSet<String> values = new TreeSet<>();
        for (PrometheusApi.Sample s : prometheus.query(substitute(m.group(1), chosen))) {
            String value = s.labels().get(m.group(2));
            if (value != null) {
                values.add(value);
            }
        }
        return List.copyOf(values);
    }

    /** Grafana's substitution: chosen variables by value, its interval variables as Grafana computes them here. */
    String substitute(String expr, Map<String, String> chosen) {
        // Grafana's $__rate_interval is four scrape intervals of the datasource (timeInterval 15s): 1m.
        String s = expr.replace("$__rate_interval", "1m").replace("${__rate_interval}", "1m")
                .replace("$__interval", step.toMillis() + "ms").replace("$__range", Duration.between(from, Instant.now()).toSeconds() + "s");
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            String value = chosen.get(name);
            if (value == null) {
                throw new IllegalStateException("no value for $" + name + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

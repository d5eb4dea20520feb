package io.netobs.infra.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The metric names the stack's rules and dashboards read from the components (recording rule names excluded). */
final class UsedMetricNames {
    /** Series Prometheus creates itself; no component exposes them. */
    static final Set<String> SYNTHETIC = Set.of("up");

    private UsedMetricNames() {
    }

    /** Name -> first expression that uses it (for failure messages). */
    static Map<String, String> collect() {
        Set<String> recorded = StackExpressions.recordedNames();
        Map<String, String> used = new TreeMap<>();
        for (StackExpressions.Expr expr : StackExpressions.all()) {
            for (String name : PromQlNames.metricNames(expr.promql())) {
                if (!recorded.contains(name)) {
                    used.putIfAbsent(name, expr.source());
                }
            }
        }
        return used;
    }

    /** Names in a test resource, one per line, # comments. */
    static Set<String> resource(String path) {
        try (InputStream in = UsedMetricNames.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            Set<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    names.add(s);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

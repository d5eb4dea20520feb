package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies a list of Prometheus relabel configs (the {@code replace} and {@code labeldrop} actions, the ones the stack
 * uses) to a label set, as Prometheus does: source label values joined by {@code ;}, the regex anchored at both
 * ends, {@code $n} expanded in the replacement, an empty result deleting the target label. Java's regex engine agrees
 * with RE2 on the stack's patterns (no backreferences or lookarounds); an action it does not know fails the test.
 */
final class Relabeling {
    private record Rule(String action, List<String> sources, Pattern regex, String target, String replacement) {
    }

    private final List<Rule> rules = new ArrayList<>();

    Relabeling(JsonNode configs) {
        for (JsonNode c : configs) {
            List<String> sources = new ArrayList<>();
            c.path("source_labels").forEach(s -> sources.add(s.asText()));
            String action = c.path("action").asText("replace");
            if (!action.equals("replace") && !action.equals("labeldrop")) {
                throw new IllegalArgumentException("relabel action " + action + " is not emulated here");
            }
            rules.add(new Rule(action, sources, Pattern.compile("^(?:" + c.path("regex").asText("(.*)") + ")$"),
                    c.path("target_label").asText(null), c.path("replacement").asText("$1")));
        }
    }

    /** The label set after all rules. */
    Map<String, String> apply(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        for (Rule r : rules) {
            if (r.action.equals("labeldrop")) {
                out.keySet().removeIf(name -> r.regex.matcher(name).matches());
                continue;
            }
            List<String> values = new ArrayList<>();
            r.sources.forEach(s -> values.add(out.getOrDefault(s, "")));
            Matcher m = r.regex.matcher(String.join(";", values));
            if (!m.matches()) {
                continue;
            }
            String value = expand(m, r.replacement);
            if (value.isEmpty()) {
                out.remove(r.target);
            } else {
                out.put(r.target, value);
            }
        }
        return out;
    }

    /** Expands {@code $n}; a group that did not take part expands to "", as in Go's Regexp.Expand. */
    private static String expand(Matcher m, String replacement) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            int j = i + 1;
            while (c == '$' && j < replacement.length() && Character.isDigit(replacement.charAt(j))) {
                j++;
            }
            if (j > i + 1) {
                String g = m.group(Integer.parseInt(replacement.substring(i + 1, j)));
                sb.append(g == null ? "" : g);
                i = j - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}

package io.netobs.canary.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${NAME}} and {@code ${NAME:-default}} in the agent YAML's string values are replaced from
 * the environment before validation, so one file serves every deployment (the default targets
 * follow {@code NETOBS_HTTP_PORT} and {@code NETOBS_OFFLINE_DNS_PORT}). A reference to an unset
 * variable without a default is a configuration error, reported at its line like any other.
 */
final class EnvInterpolation {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvInterpolation() {
    }

    /** Rewrites the tree in place; {@code where} builds the error for a node's JSON pointer. */
    static void apply(JsonNode node, String pointer, Map<String, String> env, ErrorAt where) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = object.get(name);
                if (child.isTextual()) {
                    object.set(name, resolve(child.textValue(), pointer + "/" + name, env, where));
                } else {
                    apply(child, pointer + "/" + name, env, where);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual()) {
                    array.set(i, resolve(child.textValue(), pointer + "/" + i, env, where));
                } else {
                    apply(child, pointer + "/" + i, env, where);
                }
            }
        }
    }

    private static TextNode resolve(String text, String pointer, Map<String, String> env, ErrorAt where) {
        Matcher m = REF.matcher(text);
        if (!m.find()) {
            return TextNode.valueOf(text);
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = env.get(m.group(1));
            if (value == null || (value.isEmpty() && m.group(2) != null)) {
                if (m.group(2) == null) {
                    throw where.error(pointer, "environment variable " + m.group(1) + " is not set (write ${"
                            + m.group(1) + ":-default} to give a default)");
                }
                value = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        } while (m.find());
        m.appendTail(out);
        return TextNode.valueOf(out.toString());
    }

    /** Makes the "file:line: path: reason" error for a JSON pointer. */
    interface ErrorAt {
        ConfigException error(String pointer, String reason);
    }
}

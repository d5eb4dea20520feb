package io.netobs.canary.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One node of a configuration tree that knows where it came from, so every validation error says
 * "file:line: path: reason". Typed getters apply defaults and bounds; unknown keys are errors
 * (a typo in an option name must not silently fall back to the default).
 */
public final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private final JsonNode node;
    private final String pointer;
    private final String source;
    private final YamlLocations locations;

    ConfigNode(JsonNode node, String pointer, String source, YamlLocations locations) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.pointer = pointer;
        this.source = source;
        this.locations = locations;
    }

    /** A tree without line information (built from environment variables). */
    public static ConfigNode of(JsonNode node, String source) {
        return new ConfigNode(node, "", source, null);
    }

    /** The file name (or "environment") errors are reported against. */
    public String source() {
        return source;
    }

    public JsonNode raw() {
        return node;
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public boolean has(String key) {
        return !get(key).isMissing();
    }

    public ConfigNode get(String key) {
        return new ConfigNode(node.get(key), pointer + "/" + key, source, locations);
    }

    public ConfigException error(String reason) {
        String where = locations == null ? source : source + ":" + locations.lineOf(pointer);
        String path = pointer.isEmpty() ? "" : pointer.substring(1).replace('/', '.') + ": ";
        return new ConfigException(where + ": " + path + reason);
    }

    /** Fails on the first key that is not one of {@code allowed}. */
    public void allowKeys(Set<String> allowed) {
        if (isMissing()) {
            return;
        }
        if (!node.isObject()) {
            throw error("expected a mapping of keys " + allowed);
        }
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw get(k).error("unknown key '" + k + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    public String text(String key, String dflt) {
        ConfigNode c = get(key);
        if (c.isMissing()) {
            return dflt;
        }
        if (!c.node.isValueNode()) {
            throw c.error("expected a single value, not a list or mapping");
        }
        return c.node.asText();
    }

    public String requiredText(String key) {
        String v = text(key, null);
        if (v == null || v.isBlank()) {
            throw (has(key) ? get(key) : this).error("required key '" + key + "' is missing or empty");
        }
        return v;
    }

    public int integer(String key, int dflt, int min, int max) {
        ConfigNode c = get(key);
        if (c.isMissing()) {
            return dflt;
        }
        if (!c.node.canConvertToExactIntegral() || !c.node.isNumber()) {
            throw c.error("expected an integer, got '" + c.node.asText() + "'");
        }
        int v = c.node.asInt();
        if (v < min || v > max) {
            throw c.error("must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    public long longValue(String key, long dflt, long min) {
        ConfigNode c = get(key);
        if (c.isMissing()) {
            return dflt;
        }
        if (!c.node.isIntegralNumber() || c.node.asLong() < min) {
            throw c.error("expected an integer >= " + min + ", got '" + c.node.asText() + "'");
        }
        return c.node.asLong();
    }

    public boolean bool(String key, boolean dflt) {
        ConfigNode c = get(key);
        if (c.isMissing()) {
            return dflt;
        }
        if (!c.node.isBoolean()) {
            throw c.error("expected true or false, got '" + c.node.asText() + "'");
        }
        return c.node.asBoolean();
    }

    /** "250ms", "15s", "2m", "1h", or a bare number of seconds (the seed's *_SECONDS variables). */
    public Duration duration(String key, Duration dflt) {
        ConfigNode c = get(key);
        if (c.isMissing()) {
            return dflt;
        }
        Matcher m = DURATION.matcher(c.node.asText().trim());
        if (!c.node.isValueNode() || !m.matches()) {
            throw c.error("expected a duration such as 500ms, 15s, 2m or 1h, got '" + c.node.asText() + "'");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> n;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 1000;
        };
        if (millis < 1) {
            throw c.error("must be at least 1ms, got '" + c.node.asText() + "'");
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A list of nodes; a single scalar counts as a one-element list. */
    public List<ConfigNode> list(String key) {
        ConfigNode c = get(key);
        List<ConfigNode> out = new ArrayList<>();
        if (c.isMissing()) {
            return out;
        }
        if (!c.node.isArray()) {
            if (c.node.isValueNode()) {
                out.add(c);
                return out;
            }
            throw c.error("expected a list");
        }
        for (int i = 0; i < c.node.size(); i++) {
            out.add(new ConfigNode(c.node.get(i), c.pointer + "/" + i, source, locations));
        }
        return out;
    }

    public List<String> textList(String key) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : list(key)) {
            if (!item.node.isValueNode()) {
                throw item.error("expected a string");
            }
            out.add(item.node.asText());
        }
        return out;
    }

    public Map<String, String> stringMap(String key) {
        ConfigNode c = get(key);
        Map<String, String> out = new LinkedHashMap<>();
        if (c.isMissing()) {
            return out;
        }
        if (!c.node.isObject()) {
            throw c.error("expected a mapping of names to strings");
        }
        for (var e : c.node.properties()) {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw c.get(e.getKey()).error("expected a string value");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    public boolean isText() {
        return node.isTextual();
    }

    public String asText() {
        return node.asText();
    }
}

package io.netobs.schema.bgp;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a YAML document into a small tree whose every node remembers its line, because Jackson's
 * own {@code JsonNode} forgets locations and a config error must name the line it is on.
 */
final class MonitoredPrefixesYaml {
    private static final YAMLFactory YAML = new YAMLFactory();

    /** A value (MapNode, List of Node, String, Number, Boolean or null) and the line it starts on (1-based). */
    record Node(Object value, int line) {
        MapNode map() {
            return (MapNode) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> list() {
            return (List<Node>) value;
        }

        boolean isMap() {
            return value instanceof MapNode;
        }

        boolean isList() {
            return value instanceof List;
        }
    }

    /** A mapping, with the line of each key kept so a bad key is reported where it is written. */
    record MapNode(Map<String, Node> entries, Map<String, Integer> keyLines) {
    }

    private final String source;

    MonitoredPrefixesYaml(String source) {
        this.source = source;
    }

    /** Parses the whole document; an empty document is a null-valued node on line 1. */
    Node read(String text) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new Node(null, 1);
            }
            return value(p);
        } catch (MonitoredPrefixesException e) {
            throw e;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new MonitoredPrefixesException(source, loc == null ? 0 : loc.getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MonitoredPrefixesException(source, 0, "cannot read: " + e.getMessage());
        }
    }

    private Node value(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    if (keyLines.containsKey(key)) {
                        throw new MonitoredPrefixesException(source, keyLine, "duplicate key '" + key
                                + "' (first on line " + keyLines.get(key) + ")");
                    }
                    keyLines.put(key, keyLine);
                    p.nextToken();
                    entries.put(key, value(p));
                }
                return new Node(new MapNode(entries, keyLines), line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p));
                }
                return new Node(items, line);
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Node(p.getNumberValue(), line);
            case VALUE_TRUE:
                return new Node(Boolean.TRUE, line);
            case VALUE_FALSE:
                return new Node(Boolean.FALSE, line);
            case VALUE_NULL:
                return new Node(null, line);
            default:
                return new Node(p.getText(), line);
        }
    }
}

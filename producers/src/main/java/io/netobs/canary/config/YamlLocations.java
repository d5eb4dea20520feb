package io.netobs.canary.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Line of every node of a YAML document, keyed by JSON pointer ("/probes/0/timeout"). Jackson's
 * tree model drops token locations, so the document is walked once with the streaming parser and
 * the validator looks lines up here when it reports an error.
 */
final class YamlLocations {
    private final Map<String, Integer> lines = new HashMap<>();

    static YamlLocations of(String yaml) throws IOException {
        YamlLocations loc = new YamlLocations();
        // Each frame: the container's pointer, and for arrays the next index (-1 for objects).
        Deque<String> paths = new ArrayDeque<>();
        Deque<int[]> indexes = new ArrayDeque<>();
        String fieldPath = "";
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    fieldPath = paths.peek() + "/" + escape(p.currentName());
                    loc.lines.put(fieldPath, p.currentTokenLocation().getLineNr());
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    paths.pop();
                    indexes.pop();
                    continue;
                }
                String here;
                if (paths.isEmpty()) {
                    here = "";
                } else if (indexes.peek()[0] >= 0) {
                    here = paths.peek() + "/" + indexes.peek()[0]++;
                } else {
                    here = fieldPath;
                }
                loc.lines.putIfAbsent(here, p.currentTokenLocation().getLineNr());
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    paths.push(here);
                    indexes.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
                }
            }
        }
        return loc;
    }

    /** The line of the node, or of its nearest ancestor that has one; 0 when unknown. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = p.lastIndexOf('/');
            if (cut < 0) {
                return 0;
            }
            p = p.substring(0, cut);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

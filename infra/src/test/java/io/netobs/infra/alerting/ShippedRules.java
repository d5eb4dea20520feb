package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the shipped rule files (infra/prometheus/rules) read and record. */
final class ShippedRules {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern COUNTER = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*_total)\\b");

    private ShippedRules() {
    }

    /** Counter names (…_total) any rule expression reads. */
    static Set<String> counterNames(Path infra) {
        Set<String> out = new TreeSet<>();
        for (JsonNode rule : rules(infra)) {
            Matcher m = COUNTER.matcher(rule.path("expr").asText());
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    static Set<String> recordedNames(Path infra) {
        Set<String> out = new TreeSet<>();
        for (JsonNode rule : rules(infra)) {
            if (rule.has("record")) {
                out.add(rule.get("record").asText());
            }
        }
        return out;
    }

    private static List<JsonNode> rules(Path infra) {
        try (Stream<Path> files = Files.list(infra.resolve("prometheus/rules"))) {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                for (JsonNode group : YAML.readTree(f.toFile()).path("groups")) {
                    group.path("rules").forEach(out::add);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

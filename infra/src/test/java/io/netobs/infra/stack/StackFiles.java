package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locations of the deployment stack's files, relative to the infra module (Maven runs tests with it as basedir). */
final class StackFiles {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private StackFiles() {
    }

    static Path infra() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    static Path repoRoot() {
        return infra().getParent();
    }

    static Path prometheus() {
        return infra().resolve("prometheus");
    }

    static Path prometheusConfig() {
        return prometheus().resolve("prometheus.yml");
    }

    static List<Path> ruleFiles() {
        return list(prometheus().resolve("rules"), ".yml");
    }

    static List<Path> ruleTestFiles() {
        return list(prometheus().resolve("tests"), ".test.yml");
    }

    static Path alertmanagerConfig() {
        return infra().resolve("alertmanager/alertmanager.yml");
    }

    static Path compose() {
        return infra().resolve("docker-compose.yml");
    }

    static List<Path> dashboards() {
        return list(infra().resolve("grafana/dashboards"), ".json");
    }

    static List<Path> dockerfiles() {
        return list(infra().resolve("docker"), ".Dockerfile");
    }

    static JsonNode yaml(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no *" + suffix + " in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}

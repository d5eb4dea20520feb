package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structural checks of the images' Dockerfiles (no Docker engine is needed, nor used: the images are not built here).
 * They must stay consistent with the Maven build that produces what they copy and with the components' entry points.
 */
class DockerfilesTest {
    /** Dockerfile name -> (Maven module, main class from the shared contracts, HTTP port). */
    private static final Map<String, List<String>> IMAGES = Map.of(
            "streams-app.Dockerfile", List.of("streams-app", "io.netobs.streams.StreamsMain", "8080"),
            "canary-agent.Dockerfile", List.of("producers", "io.netobs.canary.AgentMain", "9101"),
            "bgp-ingest.Dockerfile", List.of("bgp-ingest", "io.netobs.bgp.ingest.IngestMain", "9102"));

    @Test
    void everyComponentHasADockerfileThatComposeBuilds() {
        assertThat(StackFiles.dockerfiles()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrderElementsOf(IMAGES.keySet());
        String compose = StackFiles.yaml(StackFiles.compose()).path("services").toString();
        for (String name : IMAGES.keySet()) {
            assertThat(compose).contains("\"dockerfile\":\"infra/docker/" + name + "\"");
        }
    }

    @Test
    void baseImageIsPinnedSingleStageAndTheProcessRunsAsNonRoot() {
        for (Path file : StackFiles.dockerfiles()) {
            Dockerfiles df = Dockerfiles.parse(file);
            assertThat(df.all("FROM")).as(file + " FROM").hasSize(1);
            String image = df.expand(df.last("FROM"));
            assertThat(image).as(file + " base image").matches("eclipse-temurin:17\\.[0-9._]+-jre(-[a-z]+)?");
            String user = df.last("USER");
            assertThat(user).as(file + " USER").isNotNull();
            String uid = user.split(":")[0];
            assertThat(uid).as(file + " USER").isNotIn("root", "0");
            // The USER must come after the last RUN, so nothing the image runs at start is root.
            List<String> keywords = df.instructions().stream().map(Dockerfiles.Instruction::keyword).toList();
            assertThat(keywords.lastIndexOf("USER")).as(file + " USER after the last RUN").isGreaterThan(keywords.lastIndexOf("RUN"));
        }
    }

    @Test
    void entrypointAndHealthcheckMatchTheComponent() throws Exception {
        for (Path file : StackFiles.dockerfiles()) {
            Dockerfiles df = Dockerfiles.parse(file);
            List<String> image = IMAGES.get(file.getFileName().toString());
            JsonNode entrypoint = StackFiles.JSON.readTree(df.last("ENTRYPOINT"));
            assertThat(entrypoint.isArray()).as(file + " ENTRYPOINT in exec form (signals reach the JVM)").isTrue();
            assertThat(entrypoint.get(0).asText()).isEqualTo("java");
            assertThat(entrypoint.get(entrypoint.size() - 1).asText()).as(file + " main class").isEqualTo(image.get(1));
            assertThat(df.last("EXPOSE")).isEqualTo(image.get(2));
            assertThat(df.last("HEALTHCHECK")).as(file + " HEALTHCHECK")
                    .contains("CMD").contains("http://127.0.0.1:" + image.get(2) + "/health");
        }
    }

    @Test
    void copiedPathsAreTheMavenOutputsOfTheModule() throws Exception {
        String version = pomValue(StackFiles.repoRoot().resolve("pom.xml"), "version");
        for (Path file : StackFiles.dockerfiles()) {
            Dockerfiles df = Dockerfiles.parse(file);
            String module = IMAGES.get(file.getFileName().toString()).get(0);
            Path pom = StackFiles.repoRoot().resolve(module).resolve("pom.xml");
            assertThat(pom).as(file + " module").exists();
            String artifactId = pomValue(pom, "artifactId");
            assertThat(df.args().get("VERSION")).as(file + " ARG VERSION = the build's version").isEqualTo(version);
            List<String> sources = df.all("COPY").stream().map(c -> df.expand(c).split("\\s+")[0]).toList();
            // target/lib is what `mvn dependency:copy-dependencies -DoutputDirectory=target/lib` writes (see the header).
            assertThat(sources).as(file + " COPY sources").containsExactlyInAnyOrder(
                    module + "/target/lib/", module + "/target/" + artifactId + "-" + version + ".jar");
        }
    }

    @Test
    void entrypointMainClassesExistInTheirModules() {
        for (List<String> image : IMAGES.values()) {
            Path source = StackFiles.repoRoot().resolve(image.get(0)).resolve("src/main/java")
                    .resolve(image.get(1).replace('.', '/') + ".java");
            assertThat(source).as("main class of " + image.get(0)).exists();
        }
    }

    @Test
    void canaryImageGrantsRawSocketsToFpingAndMtrOnly() {
        Dockerfiles df = Dockerfiles.parse(StackFiles.infra().resolve("docker/canary-agent.Dockerfile"));
        String run = String.join("\n", df.all("RUN"));
        assertThat(run).contains("fping").contains("mtr-tiny").contains("libcap2-bin");
        assertThat(run).contains("setcap cap_net_raw+ep \"$(readlink -f /usr/bin/fping)\"");
        assertThat(run).contains("setcap cap_net_raw+ep \"$(readlink -f /usr/bin/mtr-packet)\"");
        assertThat(run).doesNotContain("chmod u+s").doesNotContain("chmod 4755");
        for (Path other : StackFiles.dockerfiles()) {
            if (!other.getFileName().toString().startsWith("canary")) {
                assertThat(String.join("\n", Dockerfiles.parse(other).all("RUN"))).doesNotContain("setcap");
            }
        }
    }

    /** The project's own (not the parent's) value of a top-level element of a pom. */
    private static String pomValue(Path pom, String element) throws Exception {
        Document doc;
        try (InputStream in = Files.newInputStream(pom)) {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
        for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(element)) {
                return e.getTextContent().strip();
            }
        }
        throw new AssertionError(pom + " has no " + element);
    }
}

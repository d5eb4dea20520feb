package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** docker-compose.yml: valid for docker-compose, and the properties the stack promises (checked on the resolved file). */
class ComposeConfigTest {

    @Test
    void composeFileIsValid() {
        Tool.assumeInstalled("docker-compose");
        Tool.Result result = Tool.run(StackFiles.repoRoot(), "docker-compose", "-f", "infra/docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    /** The resolved file (anchors and merges expanded) as docker-compose sees it. */
    private static JsonNode services() {
        Tool.assumeInstalled("docker-compose");
        Tool.Result result = Tool.run(StackFiles.repoRoot(), "docker-compose", "-f", "infra/docker-compose.yml", "config");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        try {
            return StackFiles.YAML.readTree(result.output()).path("services");
        } catch (java.io.IOException e) {
            throw new AssertionError("docker-compose config printed no YAML:\n" + result.output(), e);
        }
    }

    @Test
    void kafkaRunsInKraftModeWithoutZookeeperOnAPersistentVolume() {
        JsonNode services = services();
        assertThat(fieldNames(services)).noneMatch(name -> name.contains("zookeeper"));
        JsonNode kafka = services.path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.path("volumes").toString()).contains("kafka_data:/var/lib/kafka/data");
        assertThat(services.path("prometheus").path("volumes").toString()).contains("prometheus_data:/prometheus");
        assertThat(services.path("grafana").path("volumes").toString()).contains("grafana_data:/var/lib/grafana");
    }

    @Test
    void twoStreamsInstancesWithDistinctApplicationServers() {
        JsonNode services = services();
        Set<String> servers = new HashSet<>();
        for (String name : new String[] {"streams-app-1", "streams-app-2"}) {
            JsonNode env = services.path(name).path("environment");
            assertThat(env.path("NETOBS_APPLICATION_SERVER").asText()).isEqualTo(name + ":8080");
            servers.add(env.path("NETOBS_APPLICATION_SERVER").asText());
        }
        assertThat(servers).hasSize(2);
        assertThat(services.path("streams-app-1").path("image").asText())
                .isEqualTo(services.path("streams-app-2").path("image").asText());
    }

    @Test
    void everyLongRunningServiceHasAHealthcheckAndPublishedPortsAreLoopbackOnly() {
        int published = 0;
        for (Map.Entry<String, JsonNode> service : services().properties()) {
            String name = service.getKey();
            if (!"no".equals(service.getValue().path("restart").asText())) {
                assertThat(service.getValue().path("healthcheck").path("test").isArray()).as(name + " healthcheck").isTrue();
            }
            for (JsonNode port : service.getValue().path("ports")) {
                assertThat(port.asText()).as(name + " port").startsWith("127.0.0.1:");
                published++;
            }
        }
        // Grafana, Prometheus, Alertmanager, the first streams app's API and Kafka for host clients; nothing else.
        assertThat(published).isEqualTo(5);
    }

    @Test
    void canaryAgentHasOnlyTheRawSocketCapability() {
        JsonNode agent = services().path("canary-agent");
        assertThat(agent.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(agent.path("cap_add").toString()).isEqualTo("[\"NET_RAW\"]");
        // no-new-privileges would make the kernel ignore fping's file capability.
        assertThat(agent.path("security_opt").toString()).doesNotContain("no-new-privileges");
    }

    @Test
    void prometheusScrapesEveryComponentAtTheComposeServiceAndPort() {
        JsonNode services = services();
        String scrape = StackFiles.yaml(StackFiles.prometheusConfig()).path("scrape_configs").toString();
        for (String target : new String[] {"streams-app-1:8080", "streams-app-2:8080", "canary-agent:9101", "bgp-ingest:9102",
                "alertmanager:9093"}) {
            assertThat(scrape).contains("\"" + target + "\"");
            assertThat(services.has(target.substring(0, target.indexOf(':')))).as(target).isTrue();
        }
        assertThat(services.path("canary-agent").path("environment").path("NETOBS_AGENT_HTTP_PORT").asText()).isEqualTo("9101");
        assertThat(services.path("bgp-ingest").path("environment").path("NETOBS_INGEST_HTTP_PORT").asText()).isEqualTo("9102");
        assertThat(services.path("streams-app-2").path("environment").path("NETOBS_HTTP_PORT").asText()).isEqualTo("8080");
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

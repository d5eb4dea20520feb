package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Dashboards and provisioning fit together: the datasource uid, the provider path, the home dashboard, variables. */
class GrafanaDashboardsTest {
    private static final Path GRAFANA = StackFiles.infra().resolve("grafana");

    @Test
    void theFourDashboardsExistWithUniqueUidsAndPanelIds() {
        assertThat(StackFiles.dashboards()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "netobs-overview.json", "netobs-target.json", "netobs-bgp.json", "netobs-platform.json");
        Set<String> uids = new HashSet<>();
        for (Path file : StackFiles.dashboards()) {
            JsonNode d = StackFiles.json(file);
            assertThat(uids.add(d.path("uid").asText())).as(file + " uid unique").isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                assertThat(ids.add(panel.path("id").asInt())).as(file + " panel id " + panel.path("id")).isTrue();
            }
        }
    }

    @Test
    void everyQueryUsesTheProvisionedDatasource() {
        String uid = StackFiles.yaml(GRAFANA.resolve("provisioning/datasources/prometheus.yml"))
                .path("datasources").get(0).path("uid").asText();
        assertThat(uid).isEqualTo("netobs-prometheus");
        for (Path file : StackFiles.dashboards()) {
            for (JsonNode panel : StackFiles.json(file).path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText()).as(file + " " + panel.path("title")).isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void providerPathAndHomeDashboardMatchTheComposeMounts() {
        String path = StackFiles.yaml(GRAFANA.resolve("provisioning/dashboards/netobs.yml"))
                .path("providers").get(0).path("options").path("path").asText();
        JsonNode grafana = StackFiles.yaml(StackFiles.compose()).path("services").path("grafana");
        assertThat(grafana.path("volumes").toString()).contains("./grafana/dashboards:" + path + ":ro");
        String home = grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        assertThat(home).startsWith(path + "/");
        assertThat(GRAFANA.resolve("dashboards").resolve(home.substring(path.length() + 1))).exists();
    }

    @Test
    void drillDownHasATargetVariableThatEveryPanelUses() {
        JsonNode target = StackFiles.json(StackFiles.infra().resolve("grafana/dashboards/netobs-target.json"));
        List<String> variables = new java.util.ArrayList<>();
        target.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).contains("target");
        for (JsonNode panel : target.path("panels")) {
            for (JsonNode t : panel.path("targets")) {
                assertThat(t.path("expr").asText()).as(panel.path("title").asText()).contains("$target");
            }
        }
    }
}

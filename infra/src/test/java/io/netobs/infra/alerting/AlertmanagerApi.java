package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alertmanager's HTTP API (v2): the alerts it holds, and whether each is active or suppressed, and by what. */
final class AlertmanagerApi {
    /** {@code state} is active, suppressed or unprocessed; {@code inhibitedBy} lists fingerprints of inhibiting alerts. */
    record Alert(Map<String, String> labels, String fingerprint, String state, List<String> inhibitedBy) {
        String name() {
            return labels.get("alertname");
        }
    }

    private final String base;

    AlertmanagerApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : JsonHttp.get(base, "/api/v2/alerts", Map.of())) {
            List<String> inhibitedBy = new ArrayList<>();
            a.path("status").path("inhibitedBy").forEach(f -> inhibitedBy.add(f.asText()));
            out.add(new Alert(JsonHttp.labels(a.path("labels")), a.path("fingerprint").asText(),
                    a.path("status").path("state").asText(), inhibitedBy));
        }
        return out;
    }
}

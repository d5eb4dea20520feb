package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prometheus' HTTP API (v1): instant and range queries, and the alerting rules' active alerts. */
final class PrometheusApi {
    /** One series of an instant vector. */
    record Sample(Map<String, String> labels, double value) {
    }

    /** An alert Prometheus holds: pending or firing. */
    record Alert(Map<String, String> labels, String state) {
        String name() {
            return labels.get("alertname");
        }
    }

    private final String base;

    PrometheusApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    List<Sample> query(String promql) {
        JsonNode data = data(JsonHttp.get(base, "/api/v1/query", Map.of("query", promql)), promql);
        List<Sample> out = new ArrayList<>();
        if (data.path("resultType").asText().equals("scalar")) {
            out.add(new Sample(Map.of(), data.path("result").get(1).asDouble()));
            return out;
        }
        for (JsonNode r : data.path("result")) {
            out.add(new Sample(JsonHttp.labels(r.path("metric")), r.path("value").get(1).asDouble()));
        }
        return out;
    }

    /** Points of all series of a range query; 0 means the expression had no data in that range. */
    int pointsInRange(String promql, Instant start, Instant end, Duration step) {
        JsonNode data = data(JsonHttp.get(base, "/api/v1/query_range", Map.of("query", promql,
                "start", Long.toString(start.getEpochSecond()), "end", Long.toString(end.getEpochSecond() + 1),
                "step", TimeScale.format(step.toMillis()))), promql);
        int points = 0;
        for (JsonNode r : data.path("result")) {
            points += r.path("values").size();
        }
        return points;
    }

    List<Alert> alerts() {
        JsonNode data = data(JsonHttp.get(base, "/api/v1/alerts", Map.of()), "alerts");
        List<Alert> out = new ArrayList<>();
        for (JsonNode a : data.path("alerts")) {
            out.add(new Alert(JsonHttp.labels(a.path("labels")), a.path("state").asText()));
        }
        return out;
    }

    List<Alert> firing() {
        return alerts().stream().filter(a -> a.state().equals("firing")).toList();
    }

    private static JsonNode data(JsonNode body, String what) {
        if (!body.path("status").asText().equals("success")) {
            throw new IllegalStateException("Prometheus refused " + what + ": " + body);
        }
        return body.path("data");
    }
}

package io.netobs.infra.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * The test's override of the shipped stack files, and nothing more: the same rules, routes, receivers, inhibitions and
 * relabelling, with (1) every duration of the rule machinery divided by the {@link TimeScale} factor, (2) scrape targets
 * and the Alertmanager address moved to the test's loopback ports, (3) a webhook on every receiver so the test sees
 * what Alertmanager delivers, and (4) any relabel rules the test appends for its own targets.
 */
final class StackOverride {
    /** Prometheus' default scrape_timeout, which the shipped file leaves implicit. */
    private static final String DEFAULT_SCRAPE_TIMEOUT = "10s";

    private final TimeScale scale;

    StackOverride(TimeScale scale) {
        this.scale = scale;
    }

    /** A rule file with every group interval, {@code for:} and range scaled. */
    ObjectNode rules(JsonNode shipped) {
        ObjectNode out = shipped.deepCopy();
        for (JsonNode group : out.path("groups")) {
            scaleField((ObjectNode) group, "interval");
            for (JsonNode rule : group.path("rules")) {
                scaleField((ObjectNode) rule, "for");
                ((ObjectNode) rule).put("expr", scale.expression(rule.path("expr").asText()));
            }
        }
        return out;
    }

    /**
     * prometheus.yml with its jobs' targets replaced ({@code jobTargets}: job name to host:port; a shipped job missing
     * from the map is an error, so a new job in the shipped file is not silently left pointing at a container name).
     */
    ObjectNode prometheus(JsonNode shipped, Map<String, String> jobTargets, String alertmanager, String ruleFilesGlob,
                          List<ObjectNode> extraStreamsRelabel) {
        ObjectNode out = shipped.deepCopy();
        ObjectNode global = out.withObject("/global");
        scaleField(global, "scrape_interval");
        scaleField(global, "evaluation_interval");
        global.put("scrape_timeout", scale.duration(global.path("scrape_timeout").asText(DEFAULT_SCRAPE_TIMEOUT)));
        for (JsonNode am : out.path("alerting").path("alertmanagers")) {
            for (JsonNode sc : am.path("static_configs")) {
                ((ObjectNode) sc).putArray("targets").add(alertmanager);
            }
        }
        out.putArray("rule_files").add(ruleFilesGlob);
        for (JsonNode job : out.path("scrape_configs")) {
            String name = job.path("job_name").asText();
            String target = jobTargets.get(name);
            if (target == null) {
                throw new IllegalStateException("no test target for the shipped scrape job " + name);
            }
            scaleField((ObjectNode) job, "scrape_interval");
            scaleField((ObjectNode) job, "scrape_timeout");
            for (JsonNode sc : job.path("static_configs")) {
                ((ObjectNode) sc).putArray("targets").add(target);
            }
            if (name.equals("streams-app")) {
                ArrayNode relabel = ((ObjectNode) job).withArray("/metric_relabel_configs");
                extraStreamsRelabel.forEach(relabel::add);
            }
        }
        return out;
    }

    /** alertmanager.yml with scaled timers and a webhook ({@code webhookBase}/receiver-name) on every receiver. */
    ObjectNode alertmanager(JsonNode shipped, String webhookBase) {
        ObjectNode out = shipped.deepCopy();
        scaleField(out.withObject("/global"), "resolve_timeout");
        scaleRoute(out.withObject("/route"));
        for (JsonNode receiver : out.path("receivers")) {
            ObjectNode hook = ((ObjectNode) receiver).withArray("/webhook_configs").addObject();
            hook.put("url", webhookBase + "/" + receiver.path("name").asText());
            hook.put("send_resolved", true);
        }
        return out;
    }

    /** A relabel rule giving {@code group} to series whose {@code label} matches {@code regex}. */
    static ObjectNode groupRule(String label, String regex, String group) {
        ObjectNode rule = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        rule.putArray("source_labels").add(label);
        return rule.put("regex", regex).put("target_label", "group").put("replacement", group);
    }

    private void scaleRoute(ObjectNode route) {
        for (String timer : List.of("group_wait", "group_interval", "repeat_interval")) {
            scaleField(route, timer);
        }
        for (JsonNode child : route.path("routes")) {
            scaleRoute((ObjectNode) child);
        }
    }

    private void scaleField(ObjectNode node, String field) {
        if (node.hasNonNull(field)) {
            node.put(field, scale.duration(node.get(field).asText()));
        }
    }
}

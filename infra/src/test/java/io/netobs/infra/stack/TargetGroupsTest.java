package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prometheus.yml's target-group relabelling (the `group` label alert inhibition relies on) maps canary targets and
 * monitored prefixes of the same service to the same group. Java's regex engine agrees with RE2 on these patterns;
 * Prometheus anchors them, as {@link Pattern#matches} does.
 */
class TargetGroupsTest {

    @Test
    void exampleGroupCoversTargetsAndPrefixesOfTheDocumentationRanges() {
        assertThat(group("target", "https://www.example.com/")).isEqualTo("example");
        assertThat(group("target", "example.net")).isEqualTo("example");
        assertThat(group("target", "192.0.2.10")).isEqualTo("example");
        assertThat(group("target", "2001:db8::1")).isEqualTo("example");
        assertThat(group("prefix", "192.0.2.0/24")).isEqualTo("example");
        assertThat(group("prefix", "192.0.2.128/25")).isEqualTo("example");
        assertThat(group("prefix", "2001:db8::/32")).isEqualTo("example");
        // Everything else stays ungrouped, so it is never inhibited by a BGP alert.
        assertThat(group("target", "http://127.0.0.1:8080/health")).isNull();
        assertThat(group("target", "https://example.com.evil.test/")).isNull();
        assertThat(group("prefix", "1.1.1.0/24")).isNull();
    }

    @Test
    void streamsAppJobCarriesTheRelabelling() {
        JsonNode streams = job("streams-app");
        assertThat(streams.path("metric_relabel_configs")).hasSizeGreaterThanOrEqualTo(2);
    }

    /** The group the relabel rules give a series with {@code label=value}, or null. */
    private static String group(String label, String value) {
        String result = null;
        for (JsonNode rule : job("streams-app").path("metric_relabel_configs")) {
            if (rule.path("target_label").asText().equals("group")
                    && rule.path("source_labels").get(0).asText().equals(label)
                    && Pattern.compile(rule.path("regex").asText()).matcher(value).matches()) {
                result = rule.path("replacement").asText();
            }
        }
        return result;
    }

    private static JsonNode job(String name) {
        for (JsonNode job : StackFiles.yaml(StackFiles.prometheusConfig()).path("scrape_configs")) {
            if (job.path("job_name").asText().equals(name)) {
                return job;
            }
        }
        throw new AssertionError("no scrape job " + name);
    }
}

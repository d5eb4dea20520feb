package io.netobs.canary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.canary.probe.DnsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("agent.yml"), yaml);
    }

    private void assertFails(String yaml, String expected) throws Exception {
        Path f = write(yaml);
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f.toString() + ":").hasMessageContaining(expected);
    }

    @Test
    void shouldLoadTheExampleConfig() {
        AgentConfig c = ConfigLoader.load(Path.of("../infra/config/agent.yml"), Map.of());
        assertThat(c.canaryId()).isEqualTo("local-agent-01");
        assertThat(c.pop()).isEqualTo("local");
        assertThat(c.groups()).extracting(AgentConfig.ProbeGroup::type).containsExactly("http", "ping", "tcp", "dns", "traceroute");
        assertThat(c.groups().get(0).targets().get(0).labels()).containsEntry("service", "netobs-streams");
        assertThat(c.groups().get(1).targets()).extracting(AgentConfig.Target::target).containsExactly("127.0.0.1", "::1");
        assertThat(c.groups().get(0).interval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.spoolMaxBytes()).isEqualTo(100L * 1024 * 1024);
    }

    @Test
    void shouldFollowThePortsOfTheEnvironmentInTheExampleConfig() {
        AgentConfig c = ConfigLoader.load(Path.of("../infra/config/agent.yml"),
                Map.of("NETOBS_HTTP_PORT", "18080", "NETOBS_OFFLINE_DNS_PORT", "15353"));
        assertThat(c.groups().get(0).targets().get(0).target()).isEqualTo("http://127.0.0.1:18080/health");
        assertThat(c.groups().get(2).targets().get(0).target()).isEqualTo("127.0.0.1:18080");
        assertThat(((DnsProbe) c.groups().get(3).probe()).resolverLabel()).isEqualTo("127.0.0.1:15353");
    }

    @Test
    void shouldReplaceEnvironmentReferencesAndRejectUnsetOnesAtTheirLine() throws Exception {
        Path f = write("canary_id: ${AGENT:-fallback}-${POP}\nprobes:\n  - type: tcp\n    targets: [\"h:${PORT:-80}\", \"k:${MISSING}\"]\n");
        assertThatThrownBy(() -> ConfigLoader.load(f, Map.of("POP", "lhr")))
                .hasMessage(f + ":4: probes.0.targets.1: environment variable MISSING is not set (write ${MISSING:-default} to give a default)");
        AgentConfig c = ConfigLoader.load(f, Map.of("POP", "lhr", "PORT", "8443", "MISSING", "1"));
        assertThat(c.canaryId()).isEqualTo("fallback-lhr");
        assertThat(c.groups().get(0).targets()).extracting(AgentConfig.Target::target).containsExactly("h:8443", "k:1");
    }

    @Test
    void shouldApplyDefaultsAndShrinkDefaultTimeoutsToShortIntervals() throws Exception {
        AgentConfig c = ConfigLoader.load(write("probes:\n  - type: http\n    interval: 2s\n    targets: [http://127.0.0.1:1/]\n"),
                Map.of("CANARY_ID", "from-env"));
        assertThat(c.canaryId()).isEqualTo("from-env");
        assertThat(c.topic()).isEqualTo("canary-results");
        assertThat(c.groups().get(0).timeout()).isEqualTo(Duration.ofMillis(1600));
        assertThat(c.maxConcurrency()).isEqualTo(64);
    }

    @Test
    void shouldRejectATimeoutNotShorterThanTheInterval() throws Exception {
        assertFails("probes:\n  - type: ping\n    interval: 10s\n    timeout: 10s\n    targets: [127.0.0.1]\n",
                ":4: probes.0.timeout: timeout 10000ms must be shorter than the interval 10000ms");
    }

    @Test
    void shouldRejectUnknownKeysWithTheirLine() throws Exception {
        assertFails("canary_id: a\nprobes:\n  - type: ping\n    targets: [127.0.0.1]\n    intreval: 5s\n",
                ":5: probes.0.intreval: unknown key 'intreval'");
        assertFails("probes:\n  - type: ping\n    targets: [127.0.0.1]\n    options:\n      cout: 3\n",
                ":5: probes.0.options.cout: unknown key 'cout'");
    }

    @Test
    void shouldRejectAnUnknownProbeType() throws Exception {
        assertFails("probes:\n  - type: smtp\n    targets: [x]\n", ":2: probes.0.type: unknown probe type 'smtp'");
    }

    @Test
    void shouldRejectBadDurations() throws Exception {
        assertFails("probes:\n  - type: ping\n    interval: soon\n    targets: [127.0.0.1]\n",
                ":3: probes.0.interval: expected a duration");
    }

    @Test
    void shouldRejectBadTargetsPerProbeType() throws Exception {
        assertFails("probes:\n  - type: http\n    targets:\n      - ftp://127.0.0.1/\n",
                ":4: probes.0.targets.0: bad http target: not an http:// or https:// URL");
        assertFails("probes:\n  - type: tcp\n    targets: [\"127.0.0.1\"]\n", "bad tcp target: expected host:port");
        assertFails("probes:\n  - type: dns\n    targets: [\"bad..name\"]\n", "bad dns target");
    }

    @Test
    void shouldRejectEmptyAndDuplicateTargets() throws Exception {
        assertFails("probes:\n  - type: ping\n    targets: []\n", "probes.0.targets: a probe group needs at least one target");
        assertFails("probes:\n  - type: ping\n    targets: [127.0.0.1]\n  - type: ping\n    targets: [127.0.0.1]\n",
                ":5: probes.1.targets.0: duplicate ping target '127.0.0.1'");
    }

    @Test
    void shouldRejectBadOptionValues() throws Exception {
        assertFails("probes:\n  - type: ping\n    targets: [127.0.0.1]\n    options: {count: 0}\n",
                "probes.0.options.count: must be between 1 and 1000, got 0");
        assertFails("probes:\n  - type: http\n    targets: [http://127.0.0.1/]\n    options:\n      expected_regex: \"(\"\n",
                ":5: probes.0.options.expected_regex: invalid regular expression");
        assertFails("probes:\n  - type: http\n    targets: [http://127.0.0.1/]\n    options: {valid_status_codes: [2xx, abc]}\n",
                "not a status code");
        assertFails("probes:\n  - type: ping\n    targets: [127.0.0.1]\n    options: {count: five}\n", "expected an integer");
    }

    @Test
    void shouldRejectBadLabelsAndMissingProbes() throws Exception {
        assertFails("probes:\n  - type: ping\n    targets:\n      - target: 127.0.0.1\n        labels: {\"bad-name\": x}\n",
                "label name 'bad-name'");
        assertFails("canary_id: a\n", "at least one probe group is required");
        assertFails("probes:\n  - targets: [127.0.0.1]\n", "required key 'type'");
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithTheirLine() throws Exception {
        assertFails("probes:\n  - type: ping\n    targets: [127.0.0.1\n", "not valid YAML");
        assertFails("- just\n- a list\n", "must be a mapping");
    }

    @Test
    void shouldReportAMissingFile() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("nope.yml"), Map.of()))
                .hasMessageContaining("cannot read the agent configuration");
    }
}

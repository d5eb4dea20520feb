package io.netobs.infra.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RunSettingsTest {
    private final Path workDir = Path.of("/tmp/netobs-work");

    @Test
    void shouldFillEveryDocumentedDefault() {
        Map<String, String> s = RunSettings.complete(Map.of(), workDir);
        assertThat(s).containsEntry("NETOBS_EMBEDDED_KAFKA_PORT", "9092")
                .containsEntry("NETOBS_PARTITIONS", "4")
                .containsEntry("NETOBS_OFFLINE_DNS_PORT", "5353")
                .containsEntry("NETOBS_HTTP_PORT", "8080")
                .containsEntry("NETOBS_AGENT_HTTP_PORT", "9101")
                .containsEntry("NETOBS_INGEST_HTTP_PORT", "9102")
                .containsEntry("NETOBS_STATE_DIR", "/tmp/netobs-work/streams-state")
                .containsEntry("NETOBS_AGENT_SPOOL_DIR", "/tmp/netobs-work/agent-spool")
                .containsEntry("NETOBS_AGENT_HTTP_HOST", "127.0.0.1")
                .containsEntry("NETOBS_INGEST_HTTP_HOST", "127.0.0.1")
                .containsEntry("NETOBS_APPLICATION_SERVER", "127.0.0.1:8080")
                .doesNotContainKey("NETOBS_BGP_SOURCE");
        assertThat(s.get("NETOBS_AGENT_CONFIG")).endsWith("infra/config/agent.yml");
        assertThat(s.get("NETOBS_BGP_CONFIG")).endsWith("infra/config/prefixes.yml");
    }

    @Test
    void shouldKeepWhatTheEnvironmentSets() {
        Map<String, String> s = RunSettings.complete(Map.of("NETOBS_HTTP_PORT", "18080", "NETOBS_STATE_DIR", "/var/x"), workDir);
        assertThat(s).containsEntry("NETOBS_HTTP_PORT", "18080").containsEntry("NETOBS_STATE_DIR", "/var/x");
    }

    @Test
    void shouldReplayBgpWhenOffline() {
        Map<String, String> s = RunSettings.complete(Map.of("NETOBS_OFFLINE", "true", "NETOBS_BGP_SOURCE", "ris"), workDir);
        assertThat(s).containsEntry("NETOBS_BGP_SOURCE", "replay");
        assertThat(RunSettings.offline(Map.of("NETOBS_OFFLINE", "TRUE"))).isTrue();
        assertThat(RunSettings.offline(Map.of())).isFalse();
    }

    @Test
    void shouldFindRepositoryFilesFromTheModuleDirectory() {
        // Under failsafe/surefire the working directory is infra/, one level below the repository root.
        assertThat(RunSettings.locate("infra/config/prefixes.yml")).isAbsolute().isRegularFile();
        assertThat(RunSettings.locate("infra/config/no-such-file.yml")).isEqualTo(Path.of("infra/config/no-such-file.yml"));
    }

    @Test
    void shouldNameTheVariableOfABadNumber() {
        assertThatThrownBy(() -> RunSettings.intSetting(Map.of("NETOBS_PARTITIONS", "four"), "NETOBS_PARTITIONS"))
                .hasMessageContaining("NETOBS_PARTITIONS");
    }
}

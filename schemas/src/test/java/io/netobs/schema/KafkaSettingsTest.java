package io.netobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {
    @Test
    void shouldLayerFileThenClientVariablesThenBootstrap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:9092\nsecurity.protocol=SSL\nsasl.mechanism=PLAIN\n");
        var p = KafkaSettings.fromEnv(Map.of(
                KafkaSettings.ENV_PROPERTIES_FILE, file.toString(),
                "KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_SSL",
                KafkaSettings.ENV_BOOTSTRAP, "broker:9093",
                "UNRELATED", "x"));
        assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker:9093");
        assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(p.getProperty("sasl.mechanism")).isEqualTo("PLAIN");
        assertThat(p).hasSize(3);
    }

    @Test
    void shouldNameNoClusterWhenNothingIsSet() {
        assertThat(KafkaSettings.namesCluster(Map.of())).isFalse();
        assertThat(KafkaSettings.namesCluster(Map.of(KafkaSettings.ENV_BOOTSTRAP, "b:9092"))).isTrue();
    }
}

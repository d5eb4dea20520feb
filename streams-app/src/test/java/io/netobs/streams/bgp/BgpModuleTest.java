package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.bgp.MonitoredPrefixesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BgpModuleTest {
    @TempDir
    Path dir;

    @Test
    void shouldBeAbsentWithoutNetobsBgpConfig() {
        assertThat(BgpModule.fromEnv(Map.of())).isEmpty();
        assertThat(BgpModule.fromEnv(Map.of("NETOBS_BGP_CONFIG", " "))).isEmpty();
    }

    @Test
    void shouldLoadTheExampleConfigAndAVrpFileFromTheEnvironment() {
        Map<String, String> env = Map.of("NETOBS_BGP_CONFIG", "../infra/config/prefixes.yml",
                "NETOBS_RPKI_VRP_FILE", "src/test/resources/bgp/vrp/stayrtr_test.rpki.json");
        try (BgpModule m = BgpModule.fromEnv(env).orElseThrow()) {
            assertThat(m.config().monitored()).isNotEmpty();
            StreamsBuilder b = new StreamsBuilder();
            m.addTo(b, io.netobs.streams.AppConfig.fromEnv(Map.of(), java.util.Optional.empty()));
            assertThat(b.build().describe().toString()).contains("bgp-by-monitored-prefix-repartition", BgpNames.STORE_ROUTES);
        }
    }

    @Test
    void shouldFailStartUpWithTheLineOfABadPrefixesFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("prefixes.yml"), "1.1.1.0/24:\n  asn: 13335\n  ignoreMorespecific: true\n");
        assertThatThrownBy(() -> BgpModule.fromEnv(Map.of("NETOBS_BGP_CONFIG", bad.toString())))
                .isInstanceOf(MonitoredPrefixesException.class)
                .hasMessage(bad + ":3: unknown key 'ignoreMorespecific' in settings of 1.1.1.0/24"
                        + " (known keys: announce, asn, description, group, ignore, ignoreMorespecifics, upstreams)");
    }
}

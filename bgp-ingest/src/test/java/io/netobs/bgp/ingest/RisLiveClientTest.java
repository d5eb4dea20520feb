package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RisLiveClientTest {
    @Test
    void shouldSubscribeToPeerStateAndEachPrefixWithMoreSpecifics() throws Exception {
        List<String> msgs = RisLiveClient.subscribeMessages(List.of("1.1.1.0/24", "2001:db8::/32"));
        assertThat(msgs).hasSize(3);
        JsonNode peer = Json.MAPPER.readTree(msgs.get(0));
        assertThat(peer.at("/type").asText()).isEqualTo("ris_subscribe");
        assertThat(peer.at("/data/type").asText()).isEqualTo("RIS_PEER_STATE");
        JsonNode p = Json.MAPPER.readTree(msgs.get(2));
        assertThat(p.at("/data/prefix").asText()).isEqualTo("2001:db8::/32");
        assertThat(p.at("/data/moreSpecific").asBoolean()).isTrue();
        assertThat(p.at("/data/type").asText()).isEqualTo("UPDATE");
        assertThat(p.at("/data/socketOptions/acknowledge").asBoolean()).isTrue();
    }

    @Test
    void shouldWatchEachDeadlineWithinAQuarterOfIt() {
        assertThat(RisLiveClient.tickMs(RisLiveConfig.fromEnv(Map.of()))).isEqualTo(1_000);
        assertThat(RisLiveClient.tickMs(RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_PING_INTERVAL_MS", "200",
                "NETOBS_RIS_SILENCE_TIMEOUT_MS", "1500", "NETOBS_RIS_HANDSHAKE_TIMEOUT_MS", "300")))).isEqualTo(75);
        assertThat(RisLiveClient.tickMs(RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_HANDSHAKE_TIMEOUT_MS", "1")))).isEqualTo(20);
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("RIS_LIVE_URL", "http://x/")))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_PING_INTERVAL_MS", "60000", "NETOBS_RIS_SILENCE_TIMEOUT_MS", "5000")))
                .hasMessageContaining("SILENCE");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_HANDSHAKE_TIMEOUT_MS", "0")))
                .hasMessageContaining("NETOBS_RIS_HANDSHAKE_TIMEOUT_MS");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_BACKOFF_RESET_AFTER_MS", "-1")))
                .hasMessageContaining("NETOBS_RIS_BACKOFF_RESET_AFTER_MS");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_BACKOFF_MIN_MS", "5000", "NETOBS_RIS_BACKOFF_MAX_MS", "1000")))
                .hasMessageContaining("NETOBS_RIS_BACKOFF_MIN_MS");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_SUBSCRIBES_PER_SECOND", "four")))
                .hasMessage("NETOBS_RIS_SUBSCRIBES_PER_SECOND=four: not a number");
        RisLiveConfig defaults = RisLiveConfig.fromEnv(Map.of());
        assertThat(defaults.url().toString()).isEqualTo(RisLiveConfig.DEFAULT_URL);
        assertThat(defaults.handshakeTimeout()).hasSeconds(10);
        assertThat(defaults.backoffMin()).hasSeconds(1);
        assertThat(defaults.backoffMax()).hasSeconds(60);
        assertThat(defaults.backoffResetAfter()).hasSeconds(30);
    }
}

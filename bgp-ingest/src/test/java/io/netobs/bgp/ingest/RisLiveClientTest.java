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
    void shouldBackOffExponentiallyWithJitterUpToTheCap() {
        RisLiveConfig cfg = RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_BACKOFF_MIN_MS", "1000", "NETOBS_RIS_BACKOFF_MAX_MS", "30000"));
        RisLiveClient c = new RisLiveClient(cfg, List.of(), f -> { }, new IngestMetrics(() -> 0L));
        for (int i = 0; i < 200; i++) {
            assertThat(c.backoffMs(0)).isBetween(500L, 1000L);
            assertThat(c.backoffMs(3)).isBetween(4000L, 8000L);
            assertThat(c.backoffMs(40)).isBetween(15000L, 30000L);
        }
    }

    @Test
    void shouldRefuseSettingsThatCannotWork() {
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("RIS_LIVE_URL", "http://x/")))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> RisLiveConfig.fromEnv(Map.of("NETOBS_RIS_PING_INTERVAL_MS", "60000", "NETOBS_RIS_SILENCE_TIMEOUT_MS", "5000")))
                .hasMessageContaining("SILENCE");
        assertThat(RisLiveConfig.fromEnv(Map.of()).url().toString()).isEqualTo(RisLiveConfig.DEFAULT_URL);
    }
}

package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The example config against the updates the ingester publishes for the bundled RIS Live recordings
 * (fields as the fixtures' frames carry them): the offline replay must move the series.
 */
class BgpRecordingReplayTest {
    private static BgpUpdate announce(double ts, String collector, String peer, long peerAsn, String prefix,
                                      List<Long> path, List<Long> asSet) {
        List<Long> origins = asSet != null ? asSet : List.of(path.get(path.size() - 1));
        return new BgpUpdate(1, (long) (ts * 1000), collector, "ris", peer, peerAsn, BgpUpdate.Kind.ANNOUNCE, prefix,
                path, asSet, origins, peer, null, "ris-live-replay");
    }

    @Test
    void shouldMoveTheSeriesOfTheExamplePrefixesOnTheRecordedFrames() {
        MonitoredPrefixes config = MonitoredPrefixes.load(Path.of("../infra/config/prefixes.yml"));
        try (BgpDriver d = new BgpDriver(config, null)) {
            // libbgpstream ris-live-stream.json line 1
            d.send(announce(1553627987.89, "rrc00", "72.22.223.9", 11708, "45.161.192.0/23",
                    List.of(11708L, 32097L, 1299L, 52320L, 263009L, 263009L, 263009L, 263009L, 263009L, 52993L, 268481L, 268481L), null));
            // morrowc-rislive 1-msg
            d.send(announce(1558620047.08, "rrc19", "196.60.9.165", 57695, "196.50.70.0/24", List.of(57695L, 37650L), null));
            // morrowc-rislive fail-as-set: origin is the AS_SET {13340}
            d.send(announce(1573830861.72, "rrc11", "2001:504:1::a500:2497:1", 2497, "2607:ffc0:1000::/36",
                    List.of(2497L, 6453L, 18705L, 26281L), List.of(13340L)));
            // bgpkit-parser 2025 frame: withdrawal of an unmonitored, uncompressed IPv6 prefix
            d.send(new BgpUpdate(1, 1740561857910L, "rrc25", "ris", "2606:6dc0:1301::1", 13781, BgpUpdate.Kind.WITHDRAW,
                    "2605:de00:bb::/48", null, null, List.of(), null, null, "ris-live-replay"));

            assertThat(d.metric("bgp_announcements_total", "origin_as", "268481", "peer_asn", "11708",
                    "prefix", "45.161.192.0/23", "project", "ris")).isEqualTo(1.0);
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "196.50.70.0/24")).isEqualTo(1.0);
            assertThat(d.metric("bgp_announcements_total", "origin_as", "{13340}", "peer_asn", "2497",
                    "prefix", "2607:ffc0:1000::/36", "project", "ris")).isEqualTo(1.0);
            assertThat(d.metric("bgp_last_event_timestamp_seconds", "project", "ris")).isEqualTo(1573830861.72);
            assertThat(d.metric("bgp_withdrawals_total", "peer_asn", "13781", "prefix", "2605:de00:bb::/48",
                    "project", "ris")).isNull();
            assertThat(d.events()).as("expected origins and allowed upstreams only").isEmpty();
        }
    }
}

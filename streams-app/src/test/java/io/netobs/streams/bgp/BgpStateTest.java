package io.netobs.streams.bgp;

import static io.netobs.streams.bgp.BgpDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpStateTest {
    static final String CONFIG = """
            1.1.1.0/24:
              asn: 13335
            2001:db8::/32:
              asn: 64500
              upstreams: [174]
            options:
              ignoredPeers: [192.0.2.99, AS65099]
              minPeers: 2
            """;

    @Test
    void shouldCountTheSeedCountersForAMonitoredPrefixAndItsMoreSpecifics() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            d.announce(1, "198.51.100.1", "1.1.1.0/24", 64501, 3356, 13335);
            d.announce(2, "198.51.100.2", "1.1.1.0/25", 64502, 13335);
            d.withdraw(3, "198.51.100.1", 64501, "1.1.1.0/24");

            assertThat(d.metric("bgp_announcements_total",
                    "origin_as", "13335", "peer_asn", "64501", "prefix", "1.1.1.0/24", "project", "ris")).isEqualTo(2.0);
            assertThat(d.metric("bgp_announcements_total",
                    "origin_as", "13335", "peer_asn", "64502", "prefix", "1.1.1.0/25", "project", "ris")).isEqualTo(1.0);
            assertThat(d.metric("bgp_withdrawals_total", "peer_asn", "64501", "prefix", "1.1.1.0/24", "project", "ris"))
                    .isEqualTo(1.0);
            assertThat(d.metric("bgp_last_event_timestamp_seconds", "project", "ris")).isEqualTo(at(3) / 1000.0);
            assertThat(d.metric("netobs_bgp_route_updates_total", "prefix", "1.1.1.0/24", "type", "announce")).isEqualTo(2.0);
            assertThat(d.metric("netobs_bgp_route_updates_total", "prefix", "1.1.1.0/24", "type", "withdraw")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldKeepNoStateForUnmonitoredPrefixes() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "198.51.100.1", "9.9.9.0/24", 64501, 19281);
            d.announce(1, "198.51.100.1", "1.1.0.0/16", 64501, 666);
            d.withdraw(2, "198.51.100.1", 64501, "2001:db9::/32");
            assertThat(d.events()).isEmpty();
            for (String store : List.of(BgpNames.STORE_ROUTES, BgpNames.STORE_PREFIXES, BgpNames.STORE_SEED)) {
                try (var it = d.store(store).all()) {
                    assertThat(it.hasNext()).as(store).isFalse();
                }
            }
            // Only the event series of the configured prefixes exist, all at 0: nothing about the others.
            assertThat(d.families()).containsExactlyInAnyOrder("netobs_bgp_events_opened", "netobs_bgp_active_events");
            assertThat(d.metric("netobs_bgp_events_opened_total", "kind", "ORIGIN_HIJACK", "prefix", "1.1.1.0/24"))
                    .isZero();
        }
    }

    @Test
    void shouldDropUpdatesOfIgnoredFeederPeersByIpOrAsn() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "192.0.2.99", "1.1.1.0/24", 64501, 666);
            d.announce(1, "198.51.100.7", "1.1.1.0/24", 65099, 666);
            d.peerDown(2, "192.0.2.99", 64501);
            assertThat(d.events()).as("two peers, but both ignored").isEmpty();
            assertThat(d.metric("bgp_prefix_reporting_peers", "prefix", "1.1.1.0/24")).isNull();
        }
    }

    @Test
    void shouldOpenNewUpstreamForAFirstHopOutsideTheAllowedList() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "2001:db8:ffff::1", "2001:db8::/32", 64496, 174, 64500);
            d.announce(1, "2001:db8:ffff::2", "2001:db8::/32", 64497, 174, 64500, 64500);
            assertThat(d.events()).as("174 is allowed, prepending skipped").isEmpty();

            d.announce(2, "2001:db8:ffff::1", "2001:db8::/32", 64496, 3356, 64500, 64500);
            d.announce(3, "2001:db8:ffff::2", "2001:db8::/32", 64497, 3356, 64500);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("NEW_UPSTREAM|2001:db8::/32|AS3356");
                assertThat(e.upstreamAsn()).isEqualTo(3356L);
                assertThat(e.state()).isEqualTo(BgpEvent.State.OPEN);
            });
        }
    }

    @Test
    void shouldCanonicaliseAnUncompressedIpv6PrefixBeforeKeyingIt() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.send(new BgpUpdate(1, at(0), "rrc25", "ris", "2606:6dc0:1301::1", 13781, BgpUpdate.Kind.WITHDRAW,
                    "2001:db8:0:0:0:0:0:0/32", null, null, List.of(), null, null, "test"));
            assertThat(d.metric("bgp_withdrawals_total", "peer_asn", "13781", "prefix", "2001:db8::/32", "project", "ris"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void shouldCountMoreSpecificsBeyondTheCapInsteadOfTrackingThem() {
        String capped = CONFIG.replace("  minPeers: 2", "  minPeers: 2\n  maxMoreSpecifics: 2");
        try (BgpDriver d = new BgpDriver(capped, null)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/25", 64501, 13335);
            d.announce(1, "198.51.100.1", "1.1.1.128/25", 64501, 13335);
            d.announce(2, "198.51.100.1", "1.1.1.0/26", 64501, 13335);
            d.announce(3, "198.51.100.2", "1.1.1.0/25", 64502, 13335);
            d.announce(4, "198.51.100.2", "1.1.1.0/24", 64502, 13335);

            assertThat(d.metric("bgp_prefix_reporting_peers", "prefix", "1.1.1.0/26")).isNull();
            assertThat(d.metric("netobs_bgp_more_specifics_overflow_total", "prefix", "1.1.1.0/24")).isEqualTo(1.0);
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/25")).isEqualTo(2.0);
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).as("the monitored prefix itself is never capped")
                    .isEqualTo(1.0);
        }
    }
}

package io.netobs.streams.bgp;

import static io.netobs.streams.bgp.BgpDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.BgpEvent.State;
import org.junit.jupiter.api.Test;

/** Prefixes no AS may announce (announce: false, or asn: 0): every announcement under them is SQUATTING. */
class BgpSquattingTest {
    static final String CONFIG = """
            192.0.2.0/24:
              description: reserved, never routed
              announce: false
              group: dark
            198.18.0.0/15:
              asn: 0
            options:
              minPeers: 2
            """;
    static final String A = "203.0.113.1";
    static final String B = "203.0.113.2";

    @Test
    void shouldOpenCriticalSquattingWhenMinPeersCarryAnAnnouncementAndCloseItWhenNoneDoes() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "192.0.2.0/24", 64501, 666);
            assertThat(d.events()).as("one peer is below minPeers").isEmpty();

            d.announce(1, B, "192.0.2.0/24", 64502, 64510, 666);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("SQUATTING|192.0.2.0/24|AS666");
                assertThat(e.kind()).isEqualTo(Kind.SQUATTING);
                assertThat(e.state()).isEqualTo(State.OPEN);
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.originAsns()).containsExactly(666L);
                assertThat(e.expectedOriginAsns()).as("no origin is expected").isEmpty();
                assertThat(e.group()).isEqualTo("dark");
                assertThat(e.peers()).isEqualTo(2);
                assertThat(e.detail()).startsWith("squatting: 192.0.2.0/24 announced by AS666");
            });
            assertThat(d.metric("netobs_bgp_active_events", "kind", "SQUATTING", "prefix", "192.0.2.0/24",
                    "severity", "critical")).isEqualTo(1.0);

            d.withdraw(2, A, 64501, "192.0.2.0/24");
            d.withdraw(3, B, 64502, "192.0.2.0/24");
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(State.CLOSED);
                assertThat(e.closedAtMs()).isEqualTo(at(3));
            });
            assertThat(d.metric("netobs_bgp_active_events", "kind", "SQUATTING", "prefix", "192.0.2.0/24",
                    "severity", "critical")).isZero();
        }
    }

    @Test
    void shouldReportAMoreSpecificOfASquattedPrefixAsSquattingNotAsAHijack() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "192.0.2.128/25", 64501, 666);
            d.announce(1, B, "192.0.2.128/25", 64502, 666);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("SQUATTING|192.0.2.128/25|AS666");
        }
    }

    @Test
    void shouldOpenOneSquattingEventPerOrigin() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "192.0.2.0/24", 64501, 666);
            d.announce(1, B, "192.0.2.0/24", 64502, 666);
            d.announce(2, A, "192.0.2.0/24", 64501, 667);
            d.announce(3, B, "192.0.2.0/24", 64502, 667);
            assertThat(d.events()).extracting(BgpEvent::id, BgpEvent::state).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("SQUATTING|192.0.2.0/24|AS666", State.OPEN),
                    org.assertj.core.groups.Tuple.tuple("SQUATTING|192.0.2.0/24|AS666", State.CLOSED),
                    org.assertj.core.groups.Tuple.tuple("SQUATTING|192.0.2.0/24|AS667", State.OPEN));
        }
    }

    @Test
    void shouldTreatAsnZeroAsSquatting() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "198.18.0.0/15", 64501, 0);
            d.announce(1, B, "198.18.0.0/15", 64502, 0);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("SQUATTING|198.18.0.0/15|AS0");
        }
    }

    @Test
    void shouldNeverOpenVisibilityLostForASquattedPrefix() {
        String config = CONFIG.replace("  minPeers: 2", "  minPeers: 1\n  visibility: {minPeers: 1, minFraction: 0.5}");
        try (BgpDriver d = new BgpDriver(config, null)) {
            d.announce(0, A, "192.0.2.0/24", 64501, 666);
            d.withdraw(1, A, 64501, "192.0.2.0/24");
            assertThat(d.events()).extracting(BgpEvent::kind).containsOnly(Kind.SQUATTING);
            assertThat(d.metric("netobs_bgp_prefix_expected_visible_peers", "prefix", "192.0.2.0/24")).isZero();
        }
    }

    @Test
    void shouldExportSquattingSeriesFromZeroForEveryMonitoredPrefix() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            assertThat(d.metric("netobs_bgp_active_events", "kind", "SQUATTING", "prefix", "198.18.0.0/15",
                    "severity", "critical")).isZero();
            assertThat(d.metric("netobs_bgp_events_opened_total", "kind", "SQUATTING", "prefix", "198.18.0.0/15"))
                    .isZero();
        }
    }
}

package io.netobs.streams.bgp;

import static io.netobs.streams.bgp.BgpDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.BgpEvent.State;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpVisibilityTest {
    static final String CONFIG = """
            1.1.1.0/24:
              asn: 13335
            options:
              visibility:
                minFraction: 0.5
            """;

    @Test
    void shouldOpenVisibilityLostBelowTheFractionAndCloseItWhenVisibleAgain() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            for (int i = 1; i <= 4; i++) {
                d.announce(i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 13335);
            }
            d.withdraw(10, "198.51.100.1", 64501, "1.1.1.0/24");
            d.withdraw(11, "198.51.100.2", 64502, "1.1.1.0/24");
            assertThat(d.events()).as("2 of at most 4 is not below half").isEmpty();

            d.withdraw(12, "198.51.100.3", 64503, "1.1.1.0/24");
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("VISIBILITY_LOST|1.1.1.0/24");
                assertThat(e.kind()).isEqualTo(Kind.VISIBILITY_LOST);
                assertThat(e.state()).isEqualTo(State.OPEN);
                assertThat(e.peers()).isEqualTo(1);
                assertThat(e.openedAtMs()).isEqualTo(at(12));
            });
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).isEqualTo(1.0);
            assertThat(d.metric("bgp_prefix_reporting_peers", "prefix", "1.1.1.0/24")).isEqualTo(4.0);

            d.announce(20, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("VISIBILITY_LOST|1.1.1.0/24");
                assertThat(e.state()).isEqualTo(State.CLOSED);
                assertThat(e.closedAtMs()).isEqualTo(at(20));
                assertThat(e.detail()).startsWith("visible again");
            });
        }
    }

    @Test
    void shouldWithdrawEveryRouteOfAPeerThatWentDown() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            d.announce(1, "198.51.100.1", "1.1.1.128/25", 64501, 13335);
            d.announce(2, "198.51.100.2", "1.1.1.0/24", 64502, 13335);
            d.events();

            d.peerDown(5, "198.51.100.1", 64501);

            assertThat(d.<RouteEntry>store(BgpNames.STORE_ROUTES).get("1.1.1.0/24|1.1.1.0/24|198.51.100.1@rrc00"))
                    .satisfies(r -> {
                        assertThat(r.announced()).isFalse();
                        assertThat(r.timestampMs()).isEqualTo(at(5));
                    });
            assertThat(d.<RouteEntry>store(BgpNames.STORE_ROUTES).get("1.1.1.0/24|1.1.1.0/24|198.51.100.2@rrc00").announced())
                    .isTrue();
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).isEqualTo(1.0);
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.128/25")).isZero();
            assertThat(d.events()).as("1 of at most 2 peers is not below half").isEmpty();
        }
    }

    @Test
    void shouldKeepARouteAnnouncedAfterThePeerDownItRacedWith() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(10, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            d.peerDown(5, "198.51.100.1", 64501);
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldNotOpenVisibilityLostWhenAHijackerWithdraws() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            d.announce(1, "198.51.100.2", "1.1.1.0/24", 64502, 13335);
            for (int i = 3; i <= 6; i++) {
                d.announce(i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 666);
            }
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("ORIGIN_HIJACK|1.1.1.0/24|AS666");
            for (int i = 3; i <= 6; i++) {
                d.withdraw(10 + i, "198.51.100." + i, 64500 + i, "1.1.1.0/24");
            }
            assertThat(d.events()).as("the victim's 2 peers never changed: only the hijack closes")
                    .extracting(BgpEvent::id, BgpEvent::state)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ORIGIN_HIJACK|1.1.1.0/24|AS666", State.CLOSED));
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).isEqualTo(2.0);
            assertThat(d.metric("netobs_bgp_prefix_expected_visible_peers", "prefix", "1.1.1.0/24")).isEqualTo(2.0);
        }
    }

    @Test
    void shouldCountPeersThatMovedToAHijackersRouteAsLostVisibility() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            for (int i = 1; i <= 4; i++) {
                d.announce(i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 13335);
            }
            for (int i = 1; i <= 3; i++) {
                d.announce(10 + i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 666);
            }
            List<BgpEvent> events = d.events();
            assertThat(events).extracting(BgpEvent::id)
                    .containsExactly("ORIGIN_HIJACK|1.1.1.0/24|AS666", "VISIBILITY_LOST|1.1.1.0/24");
            assertThat(events.get(1)).satisfies(e -> {
                assertThat(e.peers()).as("one peer still has the expected origin's route").isEqualTo(1);
                assertThat(e.openedAtMs()).isEqualTo(at(13));
                assertThat(e.detail()).isEqualTo("visible from 1 peers with an expected origin, at most 4 seen");
            });
            assertThat(d.metric("bgp_prefix_visible_peers", "prefix", "1.1.1.0/24")).as("all origins").isEqualTo(4.0);
        }
    }

    @Test
    void shouldRaiseVisibilityLostToCriticalAtZeroPeersAndLowerItBack() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            for (int i = 1; i <= 4; i++) {
                d.announce(i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 13335);
            }
            for (int i = 1; i <= 3; i++) {
                d.withdraw(10 + i, "198.51.100." + i, 64500 + i, "1.1.1.0/24");
            }
            BgpEvent opened = d.events().get(0);
            assertThat(opened.severity()).isEqualTo("warning");

            d.withdraw(20, "198.51.100.4", 64504, "1.1.1.0/24");
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(opened.id());
                assertThat(e.state()).isEqualTo(State.OPEN);
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.peers()).isZero();
                assertThat(e.openedAtMs()).as("the same event, opened when it was").isEqualTo(at(13));
                assertThat(e.detail()).isEqualTo("severity warning -> critical: visible from 0 peers with an expected"
                        + " origin, at most 4 seen");
            });
            assertThat(activeVisibilityLost(d, "critical")).isEqualTo(1.0);
            assertThat(activeVisibilityLost(d, "warning")).isZero();
            assertThat(d.metric("netobs_bgp_events_opened_total", "kind", "VISIBILITY_LOST", "prefix", "1.1.1.0/24"))
                    .as("a severity change opens nothing new").isEqualTo(1.0);

            d.announce(30, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(State.OPEN);
                assertThat(e.severity()).isEqualTo("warning");
                assertThat(e.peers()).isEqualTo(1);
            });
            assertThat(activeVisibilityLost(d, "critical")).isZero();
            assertThat(activeVisibilityLost(d, "warning")).isEqualTo(1.0);

            d.announce(31, "198.51.100.2", "1.1.1.0/24", 64502, 13335);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.state()).isEqualTo(State.CLOSED);
                assertThat(e.severity()).as("the severity it had last").isEqualTo("warning");
                assertThat(e.openedAtMs()).isEqualTo(at(13));
            });
        }
    }

    @Test
    void shouldNotReEmitAnOpenEventWhenOnlyItsPeerCountChanges() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            for (int i = 1; i <= 6; i++) {
                d.announce(i, "198.51.100." + i, "1.1.1.0/24", 64500 + i, 13335);
            }
            for (int i = 1; i <= 5; i++) {
                d.withdraw(10 + i, "198.51.100." + i, 64500 + i, "1.1.1.0/24");
            }
            assertThat(d.events()).extracting(BgpEvent::state).containsExactly(State.OPEN);
        }
    }

    private static Double activeVisibilityLost(BgpDriver d, String severity) {
        return d.metric("netobs_bgp_active_events", "kind", "VISIBILITY_LOST", "prefix", "1.1.1.0/24", "severity", severity);
    }
}

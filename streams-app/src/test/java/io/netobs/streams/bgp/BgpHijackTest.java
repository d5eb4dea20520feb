package io.netobs.streams.bgp;

import static io.netobs.streams.bgp.BgpDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.BgpEvent.State;
import io.netobs.schema.bgp.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpHijackTest {
    static final String CONFIG = """
            1.1.1.0/24:
              description: resolver
              asn: 13335
              group: dns
            8.8.8.0/24:
              asn: 15169
              ignoreMorespecifics: true
            options:
              minPeers: 2
            """;
    static final String A = "198.51.100.1";
    static final String B = "198.51.100.2";
    static final String C = "198.51.100.3";

    @Test
    void shouldOpenAHijackSeenByMinPeersAndCloseItWhenNoPeerCarriesIt() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "1.1.1.0/24", 64501, 666);
            assertThat(d.events()).as("one peer is below minPeers").isEmpty();

            d.announce(1, B, "1.1.1.0/24", 64502, 666);
            List<BgpEvent> opened = d.events();
            assertThat(opened).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("ORIGIN_HIJACK|1.1.1.0/24|AS666");
                assertThat(e.kind()).isEqualTo(Kind.ORIGIN_HIJACK);
                assertThat(e.state()).isEqualTo(State.OPEN);
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.originAsns()).containsExactly(666L);
                assertThat(e.expectedOriginAsns()).containsExactly(13335L);
                assertThat(e.group()).isEqualTo("dns");
                assertThat(e.peers()).isEqualTo(2);
                assertThat(e.openedAtMs()).isEqualTo(at(1));
            });

            d.withdraw(2, A, 64501, "1.1.1.0/24");
            assertThat(d.events()).as("still carried by one peer: stays open").isEmpty();

            d.announce(3, B, "1.1.1.0/24", 64502, 13335);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo(opened.get(0).id());
                assertThat(e.state()).isEqualTo(State.CLOSED);
                assertThat(e.openedAtMs()).isEqualTo(at(1));
                assertThat(e.closedAtMs()).isEqualTo(at(3));
                assertThat(e.peers()).isZero();
            });
            assertThat(d.metric("netobs_bgp_active_events", "kind", "ORIGIN_HIJACK", "prefix", "1.1.1.0/24",
                    "severity", "critical")).isZero();
        }
    }

    @Test
    void shouldNotReEmitAnEventWhileItIsOpen() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "1.1.1.0/24", 64501, 666);
            d.announce(1, B, "1.1.1.0/24", 64502, 666);
            d.announce(2, C, "1.1.1.0/24", 64503, 666);
            d.announce(3, A, "1.1.1.0/24", 64501, 64510, 666);
            assertThat(d.events()).extracting(BgpEvent::state).containsExactly(State.OPEN);
            assertThat(d.metric("netobs_bgp_events_opened_total", "kind", "ORIGIN_HIJACK", "prefix", "1.1.1.0/24"))
                    .isEqualTo(1.0);
            assertThat(d.metric("netobs_bgp_active_events", "kind", "ORIGIN_HIJACK", "prefix", "1.1.1.0/24",
                    "severity", "critical")).isEqualTo(1.0);
            assertThat(d.metric("netobs_bgp_active_events", "kind", "ORIGIN_HIJACK", "prefix", "1.1.1.0/24",
                    "severity", "warning")).isZero();
        }
    }

    @Test
    void shouldReportAnRpkiValidHijackAtLowerSeverity() {
        VrpSet vrps = VrpSet.of(List.of(new VrpSet.Vrp(Cidr.parse("1.1.1.0/24"), 24, 666)));
        try (BgpDriver d = new BgpDriver(CONFIG, vrps)) {
            d.announce(0, A, "1.1.1.0/24", 64501, 666);
            d.announce(1, B, "1.1.1.0/24", 64502, 666);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.ORIGIN_HIJACK);
                assertThat(e.severity()).isEqualTo("warning");
                assertThat(e.rpkiStatus()).isEqualTo("valid");
            });
        }
    }

    @Test
    void shouldReportAMoreSpecificByTheExpectedOriginAsMoreSpecificWarning() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "1.1.1.128/25", 64501, 13335);
            d.announce(1, B, "1.1.1.128/25", 64502, 13335);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("MORE_SPECIFIC|1.1.1.128/25");
                assertThat(e.kind()).isEqualTo(Kind.MORE_SPECIFIC);
                assertThat(e.severity()).isEqualTo("warning");
                assertThat(e.prefix()).isEqualTo("1.1.1.128/25");
                assertThat(e.monitoredPrefix()).isEqualTo("1.1.1.0/24");
                assertThat(e.originAsns()).containsExactly(13335L);
            });
        }
    }

    @Test
    void shouldReportAMoreSpecificByAnotherOriginAsACriticalSubPrefixHijack() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "1.1.1.128/25", 64501, 666);
            d.announce(1, B, "1.1.1.128/25", 64502, 666);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("ORIGIN_HIJACK|1.1.1.128/25|AS666");
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.monitoredPrefix()).isEqualTo("1.1.1.0/24");
                assertThat(e.detail()).startsWith("sub-prefix hijack");
            });
        }
    }

    @Test
    void shouldIgnoreMoreSpecificsOfAPrefixWithIgnoreMorespecifics() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "8.8.8.0/25", 64501, 666);
            d.announce(1, B, "8.8.8.0/25", 64502, 666);
            assertThat(d.events()).isEmpty();
            assertThat(d.metric("bgp_prefix_reporting_peers", "prefix", "8.8.8.0/25")).isNull();

            d.announce(2, A, "8.8.8.0/24", 64501, 666);
            d.announce(3, B, "8.8.8.0/24", 64502, 666);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("ORIGIN_HIJACK|8.8.8.0/24|AS666");
        }
    }
}

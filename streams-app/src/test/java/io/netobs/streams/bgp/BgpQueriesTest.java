package io.netobs.streams.bgp;

import static io.netobs.streams.bgp.BgpDriver.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.bgp.Cidr;
import io.netobs.streams.http.PrefixQueries.MoreSpecificView;
import io.netobs.streams.http.PrefixQueries.OriginView;
import io.netobs.streams.http.PrefixQueries.PrefixView;
import io.netobs.streams.http.PrefixQueries.UpstreamView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only BGP views over the real topology's stores (TopologyTestDriver). */
class BgpQueriesTest {
    static final String CONFIG = """
            1.1.1.0/24:
              description: resolver
              asn: 13335
              group: dns
              upstreams: [174]
            8.8.8.0/24:
              asn: 15169
            2001:db8::/32:
              asn: 64500
            options:
              minPeers: 2
            """;
    static final String A = "198.51.100.1";
    static final String B = "198.51.100.2";
    static final String C = "198.51.100.3";
    static final String D = "198.51.100.4";

    /**
     * Two peers announce the prefix from its origin (one through an upstream not allowed: one peer is below
     * minPeers, so no event), two hijack it, two announce a more-specific.
     */
    static void hijackAndMoreSpecific(BgpDriver d) {
        d.announce(0, A, "1.1.1.0/24", 174, 13335);
        d.announce(1, B, "1.1.1.0/24", 3356, 13335);
        d.announce(2, C, "1.1.1.0/24", 64503, 666);
        d.announce(3, D, "1.1.1.0/24", 64504, 666);
        d.announce(4, A, "1.1.1.0/25", 174, 13335);
        d.announce(5, B, "1.1.1.0/25", 174, 13335);
    }

    @Test
    void shouldListEveryMonitoredPrefixInConfigurationOrderSeenOrNot() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            hijackAndMoreSpecific(d);
            List<PrefixView> views = d.module.queries(d.stores()).prefixes();
            assertThat(views).extracting(PrefixView::prefix).containsExactly("1.1.1.0/24", "8.8.8.0/24", "2001:db8::/32");
            assertThat(views.get(0).seen()).isTrue();
            PrefixView unseen = views.get(1);
            assertThat(unseen.seen()).isFalse();
            assertThat(unseen.visiblePeers()).isZero();
            assertThat(unseen.expectedOrigins()).containsExactly(15169L);
            assertThat(unseen.openEvents()).isEmpty();
            assertThat(unseen.eventsOpened()).containsOnlyKeys(List.of(Kind.values()).stream().map(Kind::name).toList())
                    .allSatisfy((kind, n) -> assertThat(n).isZero());
        }
    }

    @Test
    void shouldShowPeersOriginsUpstreamsMoreSpecificsAndOpenEventsOfAPrefix() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            hijackAndMoreSpecific(d);
            PrefixView v = d.module.queries(d.stores()).prefix("1.1.1.0/24").orElseThrow();
            assertThat(v.description()).isEqualTo("resolver");
            assertThat(v.group()).isEqualTo("dns");
            assertThat(v.visiblePeers()).isEqualTo(4);
            assertThat(v.reportingPeers()).isEqualTo(4);
            assertThat(v.maxVisiblePeers()).isEqualTo(4);
            assertThat(v.announcements()).isEqualTo(4);
            assertThat(v.origins()).containsExactly(new OriginView("13335", 2, true), new OriginView("666", 2, false));
            assertThat(v.upstreams()).containsExactly(new UpstreamView(174, 1, true), new UpstreamView(3356, 1, false));
            assertThat(v.moreSpecificsTracked()).isEqualTo(1);
            assertThat(v.moreSpecifics()).containsExactly(
                    new MoreSpecificView("1.1.1.0/25", 2, 2, List.of(new OriginView("13335", 2, true))));
            assertThat(v.openEvents()).extracting(e -> e.id() + "@" + e.openedAtMs()).containsExactly(
                    "MORE_SPECIFIC|1.1.1.0/25@" + at(5), "ORIGIN_HIJACK|1.1.1.0/24|AS666@" + at(3));
            assertThat(v.eventsOpened()).containsEntry("ORIGIN_HIJACK", 1L).containsEntry("MORE_SPECIFIC", 1L)
                    .containsEntry("NEW_UPSTREAM", 0L).containsEntry("VISIBILITY_LOST", 0L);
            assertThat(v.rpki()).as("no VRP file configured").isNull();
        }
    }

    @Test
    void shouldDropAClosedEventFromTheOpenOnesAndKeepItsCount() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            hijackAndMoreSpecific(d);
            d.withdraw(6, C, 64503, "1.1.1.0/24");
            d.withdraw(7, D, 64504, "1.1.1.0/24");
            BgpQueries q = d.module.queries(d.stores());
            PrefixView v = q.prefix("1.1.1.0/24").orElseThrow();
            assertThat(v.openEvents()).extracting(e -> e.kind().name()).doesNotContain("ORIGIN_HIJACK");
            assertThat(v.eventsOpened()).containsEntry("ORIGIN_HIJACK", 1L);
            assertThat(v.origins()).containsExactly(new OriginView("13335", 2, true));
            assertThat(q.openEvents()).extracting(e -> e.kind().name()).containsExactly("MORE_SPECIFIC");
        }
    }

    @Test
    void shouldCountRoutesByRpkiStateWhenVrpsAreConfigured() {
        VrpSet vrps = VrpSet.of(List.of(new VrpSet.Vrp(Cidr.parse("1.1.1.0/24"), 24, 13335)));
        try (BgpDriver d = new BgpDriver(CONFIG, vrps)) {
            hijackAndMoreSpecific(d);
            PrefixView v = d.module.queries(d.stores()).prefix("1.1.1.0/24").orElseThrow();
            assertThat(v.rpki()).containsEntry("valid", 2L).containsEntry("invalid", 2L).containsEntry("not-found", 0L);
        }
    }

    @Test
    void shouldNotKnowAPrefixThatIsNotMonitored() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            BgpQueries q = d.module.queries(d.stores());
            assertThat(q.prefix("9.9.9.0/24")).isEmpty();
            assertThat(q.prefix("1.1.1.0/25")).as("a more-specific is not a monitored prefix").isEmpty();
            assertThat(q.prefix("2001:db8::/32")).get().extracting(PrefixView::seen).isEqualTo(false);
        }
    }
}

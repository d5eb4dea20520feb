package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.AsSets;
import io.netobs.schema.bgp.MonitoredPrefixes;
import org.junit.jupiter.api.Test;

/** Origins and upstreams named by AS-SETs of the local as-sets file, nested sets expanded. */
class BgpAsSetTest {
    static final AsSets SETS = AsSets.parse("""
            AS-ORIGINS: [64500, AS-CUSTOMERS]
            AS-CUSTOMERS: [64510]
            AS-TRANSIT: [174, 3356]
            """, "as-sets.yml");
    static final MonitoredPrefixes CONFIG = MonitoredPrefixes.parse("""
            10.0.0.0/22:
              asn: AS-ORIGINS
              upstreams: [AS-TRANSIT]
            options:
              minPeers: 2
            """, "prefixes.yml", SETS);
    static final String A = "198.51.100.1";
    static final String B = "198.51.100.2";

    @Test
    void shouldExpectEveryOriginOfTheSetAndItsNestedSets() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "10.0.0.0/22", 64501, 174, 64500);
            d.announce(1, B, "10.0.0.0/22", 64502, 3356, 64510);
            assertThat(d.events()).isEmpty();
        }
    }

    @Test
    void shouldReportAnOriginOutsideTheSetAsAHijack() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "10.0.0.0/22", 64501, 174, 64511);
            d.announce(1, B, "10.0.0.0/22", 64502, 174, 64511);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("ORIGIN_HIJACK|10.0.0.0/22|AS64511");
                assertThat(e.expectedOriginAsns()).containsExactly(64500L, 64510L);
            });
        }
    }

    @Test
    void shouldReportAFirstHopOutsideTheUpstreamSetAsNewUpstream() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "10.0.0.0/22", 64501, 1299, 64510);
            d.announce(1, B, "10.0.0.0/22", 64502, 1299, 64500);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("NEW_UPSTREAM|10.0.0.0/22|AS1299");
        }
    }
}

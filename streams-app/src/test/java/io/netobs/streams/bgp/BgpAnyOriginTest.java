package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import org.junit.jupiter.api.Test;

/** asn: "*": any origin may announce the prefix; only the more-specific and upstream rules apply. */
class BgpAnyOriginTest {
    static final String CONFIG = """
            203.0.113.0/24:
              asn: "*"
              upstreams: [174]
            options:
              minPeers: 2
            """;
    static final String A = "198.51.100.1";
    static final String B = "198.51.100.2";

    @Test
    void shouldOpenNoHijackWhateverTheOrigin() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "203.0.113.0/24", 64501, 174, 666);
            d.announce(1, B, "203.0.113.0/24", 64502, 174, 667);
            assertThat(d.events()).isEmpty();
            assertThat(d.metric("netobs_bgp_prefix_expected_visible_peers", "prefix", "203.0.113.0/24")).isEqualTo(2.0);
        }
    }

    @Test
    void shouldReportAMoreSpecificOfAnyOriginAsMoreSpecific() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "203.0.113.0/25", 64501, 174, 666);
            d.announce(1, B, "203.0.113.0/25", 64502, 174, 667);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("MORE_SPECIFIC|203.0.113.0/25");
                assertThat(e.severity()).isEqualTo("warning");
                assertThat(e.originAsns()).containsExactly(666L, 667L);
                assertThat(e.expectedOriginAsns()).as("null: any origin is expected").isNull();
            });
        }
    }

    @Test
    void shouldStillCheckTheFirstHopBeforeTheOrigin() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "203.0.113.0/24", 64501, 3356, 666);
            d.announce(1, B, "203.0.113.0/24", 64502, 3356, 667);
            assertThat(d.events()).extracting(BgpEvent::id, BgpEvent::kind)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("NEW_UPSTREAM|203.0.113.0/24|AS3356", Kind.NEW_UPSTREAM));
        }
    }
}

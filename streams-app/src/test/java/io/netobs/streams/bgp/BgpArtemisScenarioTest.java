package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import org.junit.jupiter.api.Test;

/**
 * ARTEMIS' hijack types (its docs' rule examples: prefix_A, origin ASN_A, neighbour ASN_B, attacker ASN_C),
 * with the ARTEMIS rule written as prefixes.yml: each legal sample opens nothing, each hijack sample opens the
 * event of its type. One monitor is enough to alert, as in ARTEMIS (minPeers: 1).
 */
class BgpArtemisScenarioTest {
    static final long ASN_A = 64500;
    static final long ASN_B = 64501;
    static final long ASN_C = 666;
    /** The route collector peer ("..." in ARTEMIS' sample paths). */
    static final long MONITOR = 65001;
    static final String PEER = "198.51.100.1";
    static final String PREFIX_A = "203.0.113.0/24";
    static final String SUB_PREFIX_A = "203.0.113.128/25";

    /** ARTEMIS: {@code prefixes: [prefix_A], origin_asns: [ASN_A], neighbors: [ASN_B]}. */
    static final String RULE = """
            203.0.113.0/24:
              asn: 64500
              upstreams: [64501]
            options:
              minPeers: 1
            """;

    @Test
    void shouldReportAnExactPrefixHijackWithAnIllegalOriginAsOriginHijack() {
        // ARTEMIS E|0|-|-
        try (BgpDriver d = new BgpDriver(RULE, null)) {
            d.announce(0, PEER, PREFIX_A, MONITOR, ASN_B, ASN_A);
            assertThat(d.events()).as("legal: [..., ASN_B, ASN_A]").isEmpty();
            // Another monitor: the first keeps the legal route, so the victim stays visible.
            d.announce(1, "198.51.100.2", PREFIX_A, MONITOR, ASN_C);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.ORIGIN_HIJACK);
                assertThat(e.prefix()).isEqualTo(PREFIX_A);
                assertThat(e.severity()).isEqualTo("critical");
                assertThat(e.detail()).startsWith("exact-prefix hijack: origin AS666");
            });
        }
    }

    @Test
    void shouldReportAnExactPrefixHijackWithAFakeFirstHopAsNewUpstream() {
        // ARTEMIS E|1|-|-: legal origin, illegal neighbour
        try (BgpDriver d = new BgpDriver(RULE, null)) {
            d.announce(0, PEER, PREFIX_A, MONITOR, ASN_B, ASN_A);
            d.announce(1, "198.51.100.2", PREFIX_A, MONITOR, ASN_C, ASN_A);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("NEW_UPSTREAM|203.0.113.0/24|AS666");
                assertThat(e.upstreamAsn()).isEqualTo(ASN_C);
                assertThat(e.originAsns()).containsExactly(ASN_A);
            });
        }
    }

    @Test
    void shouldReportASubPrefixHijackWithAnIllegalOriginAsOriginHijack() {
        // ARTEMIS S|0|-|-
        try (BgpDriver d = new BgpDriver(RULE, null)) {
            d.announce(0, PEER, PREFIX_A, MONITOR, ASN_B, ASN_A);
            d.announce(1, PEER, SUB_PREFIX_A, MONITOR, ASN_C);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("ORIGIN_HIJACK|203.0.113.128/25|AS666");
                assertThat(e.monitoredPrefix()).isEqualTo(PREFIX_A);
                assertThat(e.detail()).startsWith("sub-prefix hijack");
            });
        }
    }

    @Test
    void shouldReportASubPrefixWithALegalOriginAndAFakeFirstHopAsMoreSpecificAndNewUpstream() {
        // ARTEMIS S|1|-|-
        try (BgpDriver d = new BgpDriver(RULE, null)) {
            d.announce(0, PEER, SUB_PREFIX_A, MONITOR, ASN_C, ASN_A);
            assertThat(d.events()).extracting(BgpEvent::id, BgpEvent::severity).containsExactly(
                    tuple("MORE_SPECIFIC|203.0.113.128/25", "warning"),
                    tuple("NEW_UPSTREAM|203.0.113.128/25|AS666", "warning"));
        }
    }

    @Test
    void shouldReportAnyAnnouncementOfAPrefixWithoutOriginsAsSquatting() {
        // ARTEMIS Q|0|-|-: a rule without origin_asns
        try (BgpDriver d = new BgpDriver("203.0.113.0/24:\n  announce: false\noptions:\n  minPeers: 1\n", null)) {
            d.announce(0, PEER, PREFIX_A, MONITOR, ASN_C);
            assertThat(d.events()).singleElement().satisfies(e -> {
                assertThat(e.kind()).isEqualTo(Kind.SQUATTING);
                assertThat(e.severity()).isEqualTo("critical");
            });
        }
    }

    @Test
    void shouldReportOnlySubPrefixesOfAWildcardedOrigin() {
        // ARTEMIS "legal wildcarded origin": origin_asns: '*'
        try (BgpDriver d = new BgpDriver("203.0.113.0/24:\n  asn: \"*\"\noptions:\n  minPeers: 1\n", null)) {
            d.announce(0, PEER, PREFIX_A, MONITOR, ASN_C);
            assertThat(d.events()).as("legal: [...]:prefix_A from any origin").isEmpty();
            d.announce(1, PEER, SUB_PREFIX_A, MONITOR, ASN_C);
            assertThat(d.events()).extracting(BgpEvent::id).containsExactly("MORE_SPECIFIC|203.0.113.128/25");
        }
    }
}

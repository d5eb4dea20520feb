package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Route origin validation in the topology, against the rpki-client fixture of StayRTR. */
class BgpRpkiTest {
    static final String CONFIG = """
            1.0.4.0/22:
              asn: 38803
            198.51.100.0/24:
              asn: 64500
            options:
              minPeers: 1
            """;
    static final String A = "198.51.100.1";

    static VrpSet fixture() throws IOException {
        // 1.0.4.0/22 max 22 AS38803, 1.0.4.0/24 max 24 AS38803, 1.0.5.0/24 max 24 AS38803; nothing covers 198.51.100.0/24
        return VrpSet.load(Path.of("src/test/resources/bgp/vrp/stayrtr_test.rpki.json"));
    }

    @Test
    void shouldCountARouteMatchingAVrpAsValid() throws IOException {
        try (BgpDriver d = new BgpDriver(CONFIG, fixture())) {
            d.announce(0, A, "1.0.4.0/24", 64501, 38803);
            assertThat(d.events()).extracting(BgpEvent::kind).containsExactly(Kind.MORE_SPECIFIC);
            assertThat(d.metric("netobs_bgp_rpki_routes", "prefix", "1.0.4.0/24", "status", "valid")).isEqualTo(1.0);
            assertThat(d.metric("netobs_bgp_rpki_routes", "prefix", "1.0.4.0/24", "status", "invalid")).isZero();
        }
    }

    @Test
    void shouldOpenRpkiInvalidForAnExpectedOriginLongerThanMaxLength() throws IOException {
        try (BgpDriver d = new BgpDriver(CONFIG, fixture())) {
            d.announce(0, A, "1.0.6.0/24", 64501, 38803);
            List<BgpEvent> events = d.events();
            assertThat(events).filteredOn(e -> e.kind() == Kind.RPKI_INVALID).singleElement().satisfies(e -> {
                assertThat(e.id()).isEqualTo("RPKI_INVALID|1.0.6.0/24|AS38803");
                assertThat(e.severity()).as("our own origin made invalid: reachability at risk").isEqualTo("critical");
                assertThat(e.rpkiStatus()).isEqualTo("invalid");
            });
            assertThat(d.metric("netobs_bgp_rpki_routes", "prefix", "1.0.6.0/24", "status", "invalid")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldMarkAWrongOriginInvalidAndItsHijackCritical() throws IOException {
        try (BgpDriver d = new BgpDriver(CONFIG, fixture())) {
            d.announce(0, A, "1.0.4.0/22", 64501, 666);
            List<BgpEvent> events = d.events();
            assertThat(events).extracting(BgpEvent::id)
                    .containsExactlyInAnyOrder("ORIGIN_HIJACK|1.0.4.0/22|AS666", "RPKI_INVALID|1.0.4.0/22|AS666");
            assertThat(events).filteredOn(e -> e.kind() == Kind.ORIGIN_HIJACK).singleElement()
                    .satisfies(e -> {
                        assertThat(e.severity()).isEqualTo("critical");
                        assertThat(e.rpkiStatus()).isEqualTo("invalid");
                    });
            assertThat(events).filteredOn(e -> e.kind() == Kind.RPKI_INVALID).singleElement()
                    .extracting(BgpEvent::severity).isEqualTo("warning");
        }
    }

    @Test
    void shouldCountARouteNoVrpCoversAsNotFound() throws IOException {
        try (BgpDriver d = new BgpDriver(CONFIG, fixture())) {
            d.announce(0, A, "198.51.100.0/24", 64501, 64500);
            assertThat(d.events()).isEmpty();
            assertThat(d.metric("netobs_bgp_rpki_routes", "prefix", "198.51.100.0/24", "status", "not-found")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldServeNoRpkiSeriesWithoutAVrpFile() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, A, "1.0.6.0/24", 64501, 38803);
            assertThat(d.events()).extracting(BgpEvent::kind).containsExactly(Kind.MORE_SPECIFIC);
            assertThat(d.families()).doesNotContain("netobs_bgp_rpki_routes");
        }
    }

    @Test
    void shouldJudgeARouteAgainWhenTheVrpsChangeThoughItsCountsDoNot() throws IOException {
        java.util.concurrent.atomic.AtomicReference<VrpSet> vrps = new java.util.concurrent.atomic.AtomicReference<>(
                VrpSet.of(List.of()));
        try (BgpDriver d = BgpDriver.withChangingVrps(CONFIG, vrps::get)) {
            d.announce(0, A, "1.0.4.0/22", 64501, 38803);
            assertThat(d.events()).as("no VRP covers it: not-found, nothing to report").isEmpty();
            d.announce(1, A, "1.0.4.0/22", 64501, 38803);
            assertThat(d.events()).as("the same route again, same VRPs").isEmpty();
            vrps.set(VrpSet.of(List.of(new VrpSet.Vrp(io.netobs.schema.bgp.Cidr.parse("1.0.4.0/22"), 22, 4200000000L))));
            d.announce(2, A, "1.0.4.0/22", 64501, 38803); // counts unchanged; only the VRPs differ
            assertThat(d.events()).extracting(BgpEvent::kind, BgpEvent::id)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.RPKI_INVALID, "RPKI_INVALID|1.0.4.0/22|AS38803"));
        }
    }
}

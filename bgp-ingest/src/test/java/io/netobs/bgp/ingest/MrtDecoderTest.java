package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The MRT fixtures: record counts as their README states them, and decoded updates of each file. */
class MrtDecoderTest {

    /** Everything one file decodes to. */
    record Decoded(Map<String, Integer> recordTypes, List<BgpUpdate> updates, Map<String, Integer> outcomes) {
        List<BgpUpdate> of(Kind kind) {
            return updates.stream().filter(u -> u.type() == kind).toList();
        }
    }

    static Decoded decode(String resource, String collector, String project) throws IOException {
        Map<String, Integer> types = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<BgpUpdate> updates = new ArrayList<>();
        MrtDecoder decoder = new MrtDecoder(collector, project, "mrt");
        try (MrtReader reader = new MrtReader(Archives.decompress(Fixtures.open(resource)))) {
            MrtReader.Record r;
            while ((r = reader.next()) != null) {
                types.merge(r.type() + "/" + r.subtype(), 1, Integer::sum);
                ParseResult p = decoder.decode(r);
                outcomes.merge(p.getClass().getSimpleName(), 1, Integer::sum);
                if (p instanceof ParseResult.Updates u) {
                    u.updates().forEach(BgpUpdate::validate);
                    updates.addAll(u.updates());
                }
            }
        }
        return new Decoded(types, updates, outcomes);
    }

    @Test
    void shouldReadRrc06RecordCountsAndPeerDowns() throws IOException {
        Decoded d = decode(Fixtures.RRC06, "rrc06", "ris");
        // 16 = BGP4MP; subtype 4 = MESSAGE_AS4, 5 = STATE_CHANGE_AS4 (README: 791 + 4 = 795)
        assertThat(d.recordTypes()).containsExactly(Map.entry("16/4", 791), Map.entry("16/5", 4));
        assertThat(d.of(Kind.PEER_DOWN)).hasSize(4);
        assertThat(d.outcomes()).doesNotContainKey("Rejected");
        assertThat(d.updates()).hasSize(1561);
        assertThat(d.of(Kind.ANNOUNCE)).hasSize(1435);
        assertThat(d.of(Kind.WITHDRAW)).hasSize(122);
    }

    @Test
    void shouldDecodeRrc06Updates() throws IOException {
        Decoded d = decode(Fixtures.RRC06, "rrc06", "ris");
        BgpUpdate first = d.updates().get(0);
        assertThat(first.type()).isEqualTo(Kind.ANNOUNCE);
        assertThat(first.prefix()).isEqualTo("192.108.199.0/24");
        assertThat(first.peerIp()).isEqualTo("202.249.2.185");
        assertThat(first.peerAsn()).isEqualTo(25152L);
        assertThat(first.asPath()).containsExactly(25152L, 2914L, 1880L);
        assertThat(first.originAsns()).containsExactly(1880L);
        assertThat(first.nextHop()).isEqualTo("202.249.2.185");
        assertThat(first.communities()).containsExactly("2914:420", "2914:1214", "2914:2213", "2914:3200");
        assertThat(first.timestampMs()).isEqualTo(1_427_846_404_000L);
        assertThat(first.collector()).isEqualTo("rrc06");
        assertThat(first.source()).isEqualTo("mrt");

        // The RIS beacon, announced then withdrawn, and its IPv6 sibling via MP_REACH_NLRI.
        assertThat(d.updates()).anySatisfy(u -> {
            assertThat(u.type()).isEqualTo(Kind.WITHDRAW);
            assertThat(u.prefix()).isEqualTo("84.205.66.0/24");
            assertThat(u.peerIp()).isEqualTo("202.249.2.185");
        });
        assertThat(d.updates()).anySatisfy(u -> {
            assertThat(u.type()).isEqualTo(Kind.ANNOUNCE);
            assertThat(u.prefix()).isEqualTo("2001:7fb:fe00::/48");
            assertThat(u.peerIp()).isEqualTo("2001:200:0:fe00::6249:0");
            assertThat(u.originAsns()).containsExactly(12654L);
            assertThat(u.nextHop()).contains(":");
        });
        BgpUpdate down = d.of(Kind.PEER_DOWN).get(0);
        assertThat(down.prefix()).isNull();
        assertThat(down.peerIp()).isNotBlank();
    }

    @Test
    void shouldReadJinxCountsAndRouteViewsNames() throws IOException {
        Decoded d = decode(Fixtures.JINX, "route-views.jinx", "routeviews");
        assertThat(d.recordTypes()).containsExactly(Map.entry("16/4", 1756));
        assertThat(d.outcomes()).doesNotContainKey("Rejected");
        assertThat(d.of(Kind.ANNOUNCE)).hasSize(8160);
        assertThat(d.of(Kind.WITHDRAW)).hasSize(451);
        BgpUpdate w = d.updates().get(0);
        assertThat(w.type()).isEqualTo(Kind.WITHDRAW);
        assertThat(w.prefix()).isEqualTo("185.75.149.0/24");
        assertThat(w.peerIp()).isEqualTo("196.223.14.55");
        assertThat(w.peerAsn()).isEqualTo(30844L);
        assertThat(w.project()).isEqualTo("routeviews");
        assertThat(w.collector()).isEqualTo("route-views.jinx");
        assertThat(d.updates()).anySatisfy(u -> {
            assertThat(u.prefix()).isEqualTo("84.205.73.0/24");
            assertThat(u.asPath()).containsExactly(30844L, 6939L, 12654L);
        });
    }

    @Test
    void shouldReadLocalOnlyExtendedTimestamps() throws IOException {
        Decoded d = decode(Fixtures.LOCAL_ONLY, "rrc00", "ris");
        // 17 = BGP4MP_ET (README: 85 records with microsecond timestamps)
        assertThat(d.recordTypes()).containsExactly(Map.entry("17/4", 85));
        assertThat(d.of(Kind.ANNOUNCE)).hasSize(159);
        assertThat(d.of(Kind.WITHDRAW)).hasSize(109);
        BgpUpdate first = d.updates().get(0);
        assertThat(first.timestampMs()).as("the microseconds field adds 908 ms").isEqualTo(1_726_353_018_908L);
        assertThat(first.prefix()).isEqualTo("103.188.233.0/24");
        assertThat(first.peerIp()).isEqualTo("103.151.196.1");
        assertThat(first.peerAsn()).isEqualTo(140684L);
        assertThat(first.asPath()).containsExactly(137967L, 137541L, 137541L, 149854L);
        assertThat(d.updates()).anySatisfy(u -> assertThat(u.prefix()).isEqualTo("2001:df0:e280::/48"));
    }
}

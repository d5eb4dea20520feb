package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every frame of every RIS Live fixture, field by field. */
class RisLiveParserTest {
    private final RisLiveParser parser = new RisLiveParser("ris-live");

    private List<BgpUpdate> updates(String frame) {
        ParseResult r = parser.parse(frame);
        assertThat(r).as(frame).isInstanceOf(ParseResult.Updates.class);
        ParseResult.Updates u = (ParseResult.Updates) r;
        u.updates().forEach(BgpUpdate::validate);
        return u.updates();
    }

    private BgpUpdate single(String frame) {
        List<BgpUpdate> all = updates(frame);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void shouldDecodeLibbgpstreamLine1Announcement() {
        BgpUpdate u = single(Fixtures.lines(Fixtures.LIBBGPSTREAM).get(0));
        assertThat(u.type()).isEqualTo(Kind.ANNOUNCE);
        assertThat(u.prefix()).isEqualTo("45.161.192.0/23");
        assertThat(u.peerIp()).isEqualTo("72.22.223.9");
        assertThat(u.peerAsn()).isEqualTo(11708L);
        assertThat(u.originAsns()).containsExactly(268481L);
        assertThat(u.singleOrigin()).isEqualTo(268481L);
        assertThat(u.asPath()).containsExactly(11708L, 32097L, 1299L, 52320L, 263009L, 263009L, 263009L, 263009L, 263009L,
                52993L, 268481L, 268481L);
        assertThat(u.asSet()).isNull();
        assertThat(u.nextHop()).isEqualTo("72.22.223.9");
        assertThat(u.collector()).isEqualTo("rrc00");
        assertThat(u.project()).isEqualTo("ris");
        assertThat(u.timestampMs()).isEqualTo(1_553_627_987_890L);
        assertThat(u.source()).isEqualTo("ris-live");
        assertThat(u.communities()).isNull();
    }

    @Test
    void shouldTurnPeerStateDownIntoPeerDown() {
        BgpUpdate u = single(Fixtures.lines(Fixtures.LIBBGPSTREAM).get(1));
        assertThat(u.type()).isEqualTo(Kind.PEER_DOWN);
        assertThat(u.peerIp()).isEqualTo("195.66.224.59");
        assertThat(u.peerAsn()).isEqualTo(24931L);
        assertThat(u.collector()).isEqualTo("rrc01");
        assertThat(u.prefix()).isNull();
        assertThat(u.timestampMs()).isEqualTo(1_553_625_081_880L);
    }

    @Test
    void shouldReportRisErrorAndIgnoreControlFramesAndRejectTruncatedLine() {
        List<String> lines = Fixtures.lines(Fixtures.LIBBGPSTREAM);
        assertThat(lines).hasSize(7);
        assertThat(parser.parse(lines.get(2))).isEqualTo(new ParseResult.RisError("this is a test error message"));
        assertThat(parser.parse(lines.get(3))).isEqualTo(new ParseResult.Ignored("open", "rrc00", 1_553_624_995_840L));
        assertThat(parser.parse(lines.get(4))).isEqualTo(new ParseResult.Ignored("notification", "rrc01", 1_553_625_016_830L));
        assertThat(parser.parse(lines.get(5))).isEqualTo(new ParseResult.Ignored("keepalive", "rrc03", 1_553_625_034_060L));
        ParseResult truncated = parser.parse(lines.get(6));
        assertThat(truncated).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) truncated).reason()).isEqualTo(Reasons.NOT_JSON);
    }

    @Test
    void shouldDecodeMorrowcMessageWithCommunities() {
        BgpUpdate u = single(Fixtures.lines(Fixtures.MORROWC_1).get(0));
        assertThat(u.prefix()).isEqualTo("196.50.70.0/24");
        assertThat(u.peerIp()).isEqualTo("196.60.9.165");
        assertThat(u.peerAsn()).isEqualTo(57695L);
        assertThat(u.asPath()).containsExactly(57695L, 37650L);
        assertThat(u.originAsns()).containsExactly(37650L);
        assertThat(u.communities()).containsExactly("57695:12000", "57695:12001");
        assertThat(u.collector()).isEqualTo("rrc19");
    }

    @Test
    void shouldKeepTrailingAsSetAndCountDuplicatePrefixOnce() {
        BgpUpdate u = single(Fixtures.lines(Fixtures.MORROWC_AS_SET).get(0));
        assertThat(u.prefix()).isEqualTo("2607:ffc0:1000::/36");
        assertThat(u.asPath()).containsExactly(2497L, 6453L, 18705L, 26281L);
        assertThat(u.asSet()).containsExactly(13340L);
        assertThat(u.originAsns()).containsExactly(13340L);
        assertThat(u.singleOrigin()).isNull();
        assertThat(u.nextHop()).as("the global next hop, not the link-local one").isEqualTo("2001:504:1::a500:2497:1");
        assertThat(u.collector()).isEqualTo("rrc11");
    }

    @Test
    void shouldDecodeEveryBgpkitFrame() {
        List<String> lines = Fixtures.lines(Fixtures.BGPKIT);
        assertThat(lines).hasSize(5);

        BgpUpdate v6 = single(lines.get(0));
        assertThat(v6.prefix()).isEqualTo("2602:fd9e:f00::/40");
        assertThat(v6.peerIp()).isEqualTo("2001:7f8:24::82");
        assertThat(v6.nextHop()).isEqualTo("2001:7f8:24::82");
        assertThat(v6.originAsns()).containsExactly(397666L);
        assertThat(v6.collector()).isEqualTo("rrc20");

        BgpUpdate agg = single(lines.get(1));
        assertThat(agg.prefix()).isEqualTo("64.68.236.0/22");
        assertThat(agg.originAsns()).containsExactly(13904L);
        assertThat(agg.peerAsn()).isEqualTo(199524L);

        assertThat(parser.parse(lines.get(2))).isEqualTo(new ParseResult.Ignored("no_data_type", "rrc21", 1_636_339_375_830L));

        BgpUpdate comms = single(lines.get(3));
        assertThat(comms.prefix()).isEqualTo("102.66.116.0/24");
        assertThat(comms.nextHop()).isEqualTo("195.66.224.68");
        assertThat(comms.communities()).hasSize(10).startsWith("0:5713", "0:6939").endsWith("30844:27");
        assertThat(comms.originAsns()).containsExactly(328471L);

        BgpUpdate wd = single(lines.get(4));
        assertThat(wd.type()).isEqualTo(Kind.WITHDRAW);
        assertThat(wd.prefix()).as("uncompressed IPv6 canonicalised").isEqualTo("2605:de00:bb::/48");
        assertThat(wd.collector()).as("rrc25.ripe.net is rrc25").isEqualTo("rrc25");
        assertThat(wd.peerIp()).isEqualTo("2606:6dc0:1301::1");
        assertThat(wd.peerAsn()).isEqualTo(13781L);
        assertThat(wd.originAsns()).isEmpty();
        assertThat(wd.timestampMs()).isEqualTo(1_740_561_857_910L);
    }

    @Test
    void shouldRejectNegativeCasesWithDistinctReasons() {
        List<String> reasons = Fixtures.lines(Fixtures.NEGATIVE).stream().map(parser::parse)
                .map(r -> ((ParseResult.Rejected) r).reason()).toList();
        assertThat(reasons).containsExactly(Reasons.BAD_ORIGIN, Reasons.BAD_AGGREGATOR, Reasons.UNSUPPORTED_DATA_TYPE);
    }

    @Test
    void shouldAcceptWithdrawalWithoutPath() {
        BgpUpdate u = single("{\"type\":\"ris_message\",\"data\":{\"timestamp\":1.5,\"peer\":\"10.0.0.1\",\"peer_asn\":65001,"
                + "\"host\":\"RRC00\",\"type\":\"UPDATE\",\"withdrawals\":[\"10.1.0.0/16\",\"10.1.0.0/16\"]}}");
        assertThat(u.type()).isEqualTo(Kind.WITHDRAW);
        assertThat(u.prefix()).isEqualTo("10.1.0.0/16");
        assertThat(u.collector()).isEqualTo("rrc00");
        assertThat(u.timestampMs()).isEqualTo(1500L);
    }

    @Test
    void shouldPreferGlobalNextHopListedAfterLinkLocal() {
        BgpUpdate u = single("{\"type\":\"ris_message\",\"data\":{\"timestamp\":1,\"peer\":\"2001:db8::1\",\"peer_asn\":\"65001\","
                + "\"host\":\"rrc01\",\"type\":\"UPDATE\",\"path\":[65001,65002],\"announcements\":["
                + "{\"next_hop\":\"fe80::1\",\"prefixes\":[\"2001:db8:1::/48\"]},"
                + "{\"next_hop\":\"2001:db8::1\",\"prefixes\":[\"2001:db8:1:0:0:0:0:0/48\"]}]}}");
        assertThat(u.nextHop()).isEqualTo("2001:db8::1");
        assertThat(u.prefix()).isEqualTo("2001:db8:1::/48");
    }

    @Test
    void shouldRejectOtherMalformedShapesWithTheirOwnReasons() {
        String head = "{\"type\":\"ris_message\",\"data\":{\"timestamp\":1,\"peer\":\"10.0.0.1\",\"peer_asn\":\"65001\",\"host\":\"rrc00\","
                + "\"type\":\"UPDATE\",";
        assertThat(reason("{\"type\":\"ris_surprise\",\"data\":{}}")).isEqualTo(Reasons.UNKNOWN_MESSAGE_TYPE);
        assertThat(reason("{\"data\":{}}")).isEqualTo(Reasons.MISSING_MESSAGE_TYPE);
        assertThat(reason("[1,2]")).isEqualTo(Reasons.NOT_JSON);
        assertThat(reason(head + "\"path\":[1],\"announcements\":[{\"next_hop\":\"10.0.0.1\",\"prefixes\":[\"10.0.0.1/8\"]}]}}"))
                .isEqualTo(Reasons.PREFIX_HOST_BITS);
        assertThat(reason(head + "\"path\":[1],\"announcements\":[{\"next_hop\":\"10.0.0.1\",\"prefixes\":[\"eor\"]}]}}"))
                .isEqualTo(Reasons.BAD_PREFIX);
        assertThat(reason(head + "\"path\":[],\"announcements\":[{\"next_hop\":\"10.0.0.1\",\"prefixes\":[\"10.0.0.0/8\"]}]}}"))
                .isEqualTo(Reasons.MISSING_ORIGIN_AS);
        assertThat(reason(head + "\"path\":[[1],2],\"announcements\":[{\"next_hop\":\"10.0.0.1\",\"prefixes\":[\"10.0.0.0/8\"]}]}}"))
                .isEqualTo(Reasons.BAD_PATH);
        assertThat(reason(head + "\"path\":[1],\"community\":[[1]],\"announcements\":[]}}")).isEqualTo(Reasons.BAD_COMMUNITY);
        assertThat(reason(head.replace("\"10.0.0.1\"", "\"host.example\"") + "\"withdrawals\":[]}}")).isEqualTo(Reasons.BAD_PEER);
        assertThat(reason(head.replace("\"65001\"", "\"AS65001\"") + "\"withdrawals\":[]}}")).isEqualTo(Reasons.BAD_PEER_ASN);
        assertThat(reason(head.replace("rrc00", "somewhere") + "\"withdrawals\":[]}}")).isEqualTo(Reasons.BAD_COLLECTOR);
        assertThat(reason(head.replace("\"timestamp\":1,", "") + "\"withdrawals\":[]}}")).isEqualTo(Reasons.BAD_TIMESTAMP);
    }

    @Test
    void shouldIgnoreSubscriptionAcksPongsAndPeerStateUp() {
        assertThat(parser.parse("{\"type\":\"ris_subscribe_ok\",\"data\":{\"subscription\":{\"prefix\":\"1.1.1.0/24\"}}}"))
                .isInstanceOf(ParseResult.Ignored.class);
        assertThat(parser.parse("{\"type\":\"pong\",\"data\":null}")).isEqualTo(new ParseResult.Ignored("pong"));
        assertThat(parser.parse("{\"type\":\"ris_message\",\"data\":{\"timestamp\":2,\"peer\":\"10.0.0.1\",\"peer_asn\":\"1\","
                + "\"host\":\"rrc00\",\"type\":\"RIS_PEER_STATE\",\"state\":\"connected\"}}"))
                .isEqualTo(new ParseResult.Ignored("peer_state_other", "rrc00", 2000L));
    }

    private String reason(String frame) {
        ParseResult r = parser.parse(frame);
        assertThat(r).as(frame).isInstanceOf(ParseResult.Rejected.class);
        return ((ParseResult.Rejected) r).reason();
    }
}

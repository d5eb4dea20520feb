package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.BgpEvent.Kind;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** PrefixState in its store encoding, including values the previous version (format 1) wrote. */
class BgpCodecsTest {
    /**
     * Written by the version before format 2 (commit 5ccedaa) for 1.1.1.0/24 (asn 13335, minPeers 1): four
     * peers announced it, two from AS666 (an open hijack), then the two with AS13335 withdrew.
     */
    static PrefixState formerVersionState() throws IOException {
        String hex = Files.readString(Path.of("src/test/resources/bgp/state/prefix-state-v1.hex")).trim();
        return BgpCodecs.PREFIX.deserialize("t", HexFormat.of().parseHex(hex));
    }

    @Test
    void shouldReadAPrefixStateTheFormerVersionWrote() throws IOException {
        PrefixState s = formerVersionState();
        assertThat(s.reporting).isEqualTo(4);
        assertThat(s.visible).isEqualTo(2);
        assertThat(s.maxVisible).isEqualTo(4);
        assertThat(s.announcements).isEqualTo(4);
        assertThat(s.withdrawals).isEqualTo(2);
        assertThat(s.origins).containsExactly(java.util.Map.entry("666", 2L));
        assertThat(s.open).containsOnlyKeys("ORIGIN_HIJACK|1.1.1.0/24|AS666");
        assertThat(s.maxExpectedVisible).as("format 1 had only the all-origin mark").isEqualTo(4);
    }

    @Test
    void shouldWriteFormat2AndReadItBack() {
        PrefixState s = new PrefixState();
        s.reporting = 5;
        s.visible = 3;
        s.maxVisible = 6;
        s.maxExpectedVisible = 4;
        s.origins.put("13335", 3L);
        s.moreSpecifics = 2;
        byte[] bytes = BgpCodecs.PREFIX.serialize("t", s);
        assertThat(bytes[0]).isEqualTo((byte) 2);
        PrefixState back = BgpCodecs.PREFIX.deserialize("t", bytes);
        assertThat(back.maxExpectedVisible).isEqualTo(4);
        assertThat(back.maxVisible).isEqualTo(6);
        assertThat(back.moreSpecifics).isEqualTo(2);
        assertThat(back.origins).containsEntry("13335", 3L);
    }

    @Test
    void shouldRefuseAFormatLaterThanItWrites() {
        byte[] bytes = BgpCodecs.PREFIX.serialize("t", new PrefixState());
        bytes[0] = 3;
        assertThatThrownBy(() -> BgpCodecs.PREFIX.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown format byte 0x03, expected 0x01 to 0x02");
    }

    @Test
    void shouldApplyExpectedOriginVisibilityToAStateTheFormerVersionWrote() throws IOException {
        MonitoredPrefixes config = MonitoredPrefixes.parse("""
                1.1.1.0/24:
                  asn: 13335
                options:
                  minPeers: 1
                """, "t.yml");
        PrefixState s = formerVersionState();
        List<BgpEvent> events = new EventDetector(config.options(), null)
                .evaluate(config.all().get(0), "1.1.1.0/24", s, BgpDriver.at(60));
        assertThat(events).as("the hijack stays open as it was; the victim is visible from none of its 4 peers")
                .singleElement().satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.VISIBILITY_LOST);
                    assertThat(e.severity()).isEqualTo("critical");
                    assertThat(e.peers()).isZero();
                });
        assertThat(s.open).containsOnlyKeys("ORIGIN_HIJACK|1.1.1.0/24|AS666", "VISIBILITY_LOST|1.1.1.0/24");
    }
}

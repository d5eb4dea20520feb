package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.BgpUpdate.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Shapes the fixtures lack: 2-byte AS sessions with AS4_PATH, STATE_CHANGE, ADD-PATH, truncation. */
class MrtSyntheticTest {
    private final MrtDecoder decoder = new MrtDecoder("rrc00", "ris", "mrt");

    @Test
    void shouldMergeAs4PathIntoTwoByteAsPath() throws IOException {
        // AS_PATH (2-byte): 65001 23456(AS_TRANS) 23456; AS4_PATH: 4200000001 4200000002
        byte[] attrs = Mrt.concat(
                Mrt.attr(0x40, 1, new byte[] {0}),
                Mrt.attr(0x40, 2, Mrt.segment(2, 2, 65001, 23456, 23456)),
                Mrt.attr(0x40, 3, new byte[] {10, 0, 0, 1}),
                Mrt.attr(0xC0, 17, Mrt.segment(2, 4, 4_200_000_001L, 4_200_000_002L)));
        byte[] nlri = {16, 10, 1, 24, (byte) 192, 0, 2};
        byte[] rec = Mrt.record(16, 1, Mrt.bgp4mpHeader(false, 65001, Mrt.update(new byte[0], attrs, nlri)));
        List<BgpUpdate> out = updates(rec);
        assertThat(out).extracting(BgpUpdate::prefix).containsExactly("10.1.0.0/16", "192.0.2.0/24");
        assertThat(out.get(0).asPath()).containsExactly(65001L, 4_200_000_001L, 4_200_000_002L);
        assertThat(out.get(0).originAsns()).containsExactly(4_200_000_002L);
        assertThat(out.get(0).peerAsn()).isEqualTo(65001L);
    }

    @Test
    void shouldKeepTrailingAsSetAndClearIrrelevantTrailingBits() throws IOException {
        byte[] attrs = Mrt.concat(
                Mrt.attr(0x40, 2, Mrt.concat(Mrt.segment(2, 4, 65001, 65002), Mrt.segment(1, 4, 64512, 64513))),
                Mrt.attr(0x40, 3, new byte[] {10, 0, 0, 1}));
        byte[] nlri = {23, 10, 0, 3}; // 10.0.3.0/23 written with the 24th bit set: RFC 4271 says it is irrelevant
        List<BgpUpdate> out = updates(Mrt.record(16, 4, Mrt.bgp4mpHeader(true, 65001, Mrt.update(new byte[0], attrs, nlri))));
        assertThat(out).singleElement().satisfies(u -> {
            assertThat(u.prefix()).isEqualTo("10.0.2.0/23");
            assertThat(u.asPath()).containsExactly(65001L, 65002L);
            assertThat(u.asSet()).containsExactly(64512L, 64513L);
            assertThat(u.originAsns()).containsExactly(64512L, 64513L);
        });
    }

    @Test
    void shouldReadAddPathWithdrawalsAndTwoByteStateChange() throws IOException {
        byte[] withdrawn = {0, 0, 0, 7, 24, (byte) 198, 51, 100};
        List<BgpUpdate> w = updates(Mrt.record(16, 9, Mrt.bgp4mpHeader(true, 65001, Mrt.update(withdrawn, new byte[0], new byte[0]))));
        assertThat(w).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo(Kind.WITHDRAW);
            assertThat(u.prefix()).isEqualTo("198.51.100.0/24");
        });
        // STATE_CHANGE (2-byte AS): Established(6) -> Idle(1)
        List<BgpUpdate> down = updates(Mrt.record(16, 0, Mrt.bgp4mpHeader(false, 65001, new byte[] {0, 6, 0, 1})));
        assertThat(down).singleElement().satisfies(u -> {
            assertThat(u.type()).isEqualTo(Kind.PEER_DOWN);
            assertThat(u.peerIp()).isEqualTo("10.0.0.2");
            assertThat(u.peerAsn()).isEqualTo(65001L);
        });
        ParseResult up = decode(Mrt.record(16, 0, Mrt.bgp4mpHeader(false, 65001, new byte[] {0, 5, 0, 6})));
        assertThat(up).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void shouldRejectTruncatedBodyAndIgnoreOtherMrtTypes() throws IOException {
        byte[] attrs = Mrt.attr(0x40, 2, Mrt.segment(2, 4, 65001));
        byte[] full = Mrt.bgp4mpHeader(true, 65001, Mrt.update(new byte[0], attrs, new byte[] {8, 10}));
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 4);
        ParseResult r = decode(Mrt.record(16, 4, cut));
        assertThat(r).isInstanceOf(ParseResult.Rejected.class);
        assertThat(((ParseResult.Rejected) r).reason()).isIn(Reasons.BAD_BGP_MESSAGE, Reasons.TRUNCATED_RECORD);
        assertThat(decode(Mrt.record(13, 2, new byte[8]))).isInstanceOf(ParseResult.Ignored.class);
    }

    @Test
    void shouldDetectGzipByMagicBytes() throws IOException {
        byte[] rec = Mrt.record(16, 0, Mrt.bgp4mpHeader(false, 65001, new byte[] {0, 6, 0, 1}));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(rec);
            g.write(rec);
        }
        try (MrtReader r = new MrtReader(Archives.decompress(new ByteArrayInputStream(gz.toByteArray())))) {
            assertThat(r.next().index()).isZero();
            assertThat(r.next().index()).isEqualTo(1);
            assertThat(r.next()).isNull();
        }
    }

    private ParseResult decode(byte[] record) throws IOException {
        try (MrtReader r = new MrtReader(new ByteArrayInputStream(record))) {
            return decoder.decode(r.next());
        }
    }

    private List<BgpUpdate> updates(byte[] record) throws IOException {
        ParseResult p = decode(record);
        assertThat(p).isInstanceOf(ParseResult.Updates.class);
        return ((ParseResult.Updates) p).updates();
    }
}

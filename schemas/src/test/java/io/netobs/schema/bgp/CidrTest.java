package io.netobs.schema.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void shouldCanonicaliseUncompressedIpv6() {
        assertThat(Cidr.parse("2605:de00:bb:0:0:0:0:0/48")).isEqualTo(Cidr.parse("2605:de00:bb::/48"));
        assertThat(Cidr.parse("2605:DE00:BB:0:0:0:0:0/48").toString()).isEqualTo("2605:de00:bb::/48");
        assertThat(Cidr.parse("2001:db8:0:0:1:0:0:0/80").toString()).isEqualTo("2001:db8:0:0:1::/80");
        assertThat(Cidr.parse("::/0").toString()).isEqualTo("::/0");
    }

    @Test
    void shouldRejectHostBitsAndGarbage() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::1/32")).hasMessageContaining("host bits");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0")).hasMessageContaining("no '/length'");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Cidr.parse("example.com/24")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Cidr.parse("256.0.0.0/8")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> Cidr.parse("2001:zz::/32")).hasMessageContaining("not an IPv6 address");
    }

    @Test
    void shouldTellMoreSpecifics() {
        Cidr p = Cidr.parse("45.161.192.0/23");
        assertThat(p.contains(Cidr.parse("45.161.193.0/24"))).isTrue();
        assertThat(p.contains(p)).isTrue();
        assertThat(p.contains(Cidr.parse("45.161.194.0/24"))).isFalse();
        assertThat(p.contains(Cidr.parse("45.161.192.0/22"))).isFalse();
        assertThat(p.contains(Cidr.parse("2605:de00:bb::/48"))).isFalse();
        assertThat(Cidr.parse("2605:de00::/32").contains(Cidr.parse("2605:de00:bb::/48"))).isTrue();
    }

    @Test
    void shouldBuildFromNlriBytes() {
        assertThat(Cidr.of(new byte[] {45, (byte) 161, (byte) 192}, 23, false).toString()).isEqualTo("45.161.192.0/23");
        assertThat(Cidr.of(new byte[] {0x26, 0x05, (byte) 0xde, 0x00, 0x00, (byte) 0xbb}, 48, true).toString())
                .isEqualTo("2605:de00:bb::/48");
    }
}

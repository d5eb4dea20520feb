package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netobs.schema.bgp.Cidr;
import io.netobs.streams.bgp.VrpSet.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VrpSetTest {
    static VrpSet load(String file) throws IOException {
        return VrpSet.load(Path.of("src/test/resources/bgp/vrp", file));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file,                         usable, skipped (host bits set in the BGPalerter test data)
            "bgpalerter_vrp.correct.json,         3, 0",
            "bgpalerter_vrp.missing.json,         2, 0",
            "bgpalerter_vrp.wrong.json,           1, 1",
            "bgpalerter_roas.before.json,         4, 1",
            "bgpalerter_roas.after.json,          2, 0",
            "stayrtr_test.rpki.json,             19, 0",
            "stayrtr_smalltest.rpki.json,         2, 0",
            "routinator_test-output-111.json,     2, 0",
    })
    void shouldLoadEveryFixtureLayout(String file, int size, int skipped) throws IOException {
        VrpSet set = load(file);
        assertThat(set.size()).isEqualTo(size);
        assertThat(set.skipped()).isEqualTo(skipped);
    }

    @ParameterizedTest(name = "{0} {1} AS{2} -> {3}")
    @CsvSource({
            // asn written "AS2914", maxLength 24 on a /22
            "bgpalerter_vrp.correct.json, 8.8.8.0/24,        2914,  VALID",
            "bgpalerter_vrp.correct.json, 8.8.8.0/25,        2914,  INVALID",
            "bgpalerter_vrp.correct.json, 8.8.8.0/24,        15169, INVALID",
            "bgpalerter_vrp.correct.json, 9.9.9.0/24,        2914,  NOT_FOUND",
            // asn written "13335" and 1234
            "bgpalerter_vrp.correct.json, 103.21.244.0/24,   13335, VALID",
            "bgpalerter_vrp.correct.json, 82.112.100.0/24,   1234,  VALID",
            // rpki-client layout, numeric and "AS" asns, IPv6 with maxLength 48 on a /32
            "stayrtr_test.rpki.json,      2001:610:1::/48,   1103,  VALID",
            "stayrtr_test.rpki.json,      2001:610:1::/49,   1103,  INVALID",
            "stayrtr_test.rpki.json,      2001:614::/32,     1103,  INVALID",
            "stayrtr_test.rpki.json,      2001:4248:1::/64,  30999, VALID",
            "stayrtr_smalltest.rpki.json, 2001:200:136::/48, 9367,  VALID",
            // Routinator layout, "AS1234"
            "routinator_test-output-111.json, 12.34.56.0/24, 1234,  VALID",
            "routinator_test-output-111.json, 12.34.0.0/16,  1234,  NOT_FOUND",
    })
    void shouldValidatePerRfc6811(String file, String prefix, long origin, Status expected) throws IOException {
        assertThat(load(file).validate(Cidr.parse(prefix), origin)).isEqualTo(expected);
    }

    @Test
    void shouldNeverMatchAnAsSetOriginOrAnAs0Vrp() {
        VrpSet set = VrpSet.of(List.of(new VrpSet.Vrp(Cidr.parse("192.0.2.0/24"), 24, 0),
                new VrpSet.Vrp(Cidr.parse("198.51.100.0/24"), 24, 64500)));
        assertThat(set.validate(Cidr.parse("192.0.2.0/24"), 0L)).isEqualTo(Status.INVALID);
        assertThat(set.validate(Cidr.parse("198.51.100.0/24"), null)).isEqualTo(Status.INVALID);
        assertThat(set.validate(Cidr.parse("203.0.113.0/24"), null)).isEqualTo(Status.NOT_FOUND);
    }

    @Test
    void shouldRejectAFileThatIsNoKnownLayout() {
        assertThatThrownBy(() -> VrpSet.parse("{\"vrps\": []}".getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(IOException.class).hasMessageContaining("roas");
        assertThatThrownBy(() -> VrpSet.parse("[{\"asn\": 1,".getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(IOException.class);
    }
}

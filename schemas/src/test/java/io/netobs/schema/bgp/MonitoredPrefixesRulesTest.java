package io.netobs.schema.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule syntax beyond BGPalerter's: announce / asn 0 (squatting), asn "*" and range operators on keys. */
class MonitoredPrefixesRulesTest {
    private static MonitoredPrefixes.Prefix only(String yaml) {
        return MonitoredPrefixes.parse(yaml, "t.yml").all().get(0);
    }

    @Test
    void shouldReadAnnounceFalseAsAPrefixNoAsMayAnnounce() {
        MonitoredPrefixes.Prefix p = only("192.0.2.0/24:\n  announce: false\n  group: unused\n");
        assertThat(p.squatting()).isTrue();
        assertThat(p.originAsns()).isEmpty();
        assertThat(p.anyOrigin()).isFalse();
        assertThat(p.expectsOrigin(0)).isFalse();
        assertThat(p.expectsLength(24)).as("not even the prefix itself").isFalse();
        assertThat(p.group()).isEqualTo("unused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asn: 0", "asn: AS0", "asn: [0]", "asn: 0\n  announce: false"})
    void shouldReadAsnZeroAsAnAliasOfAnnounceFalse(String asn) {
        MonitoredPrefixes.Prefix p = only("192.0.2.0/24:\n  " + asn + "\n");
        assertThat(p.squatting()).isTrue();
        assertThat(p.originAsns()).isEmpty();
    }

    @Test
    void shouldReadAStarAsAnyOrigin() {
        MonitoredPrefixes.Prefix p = only("192.0.2.0/24:\n  asn: \"*\"\n  upstreams: [174]\n");
        assertThat(p.anyOrigin()).isTrue();
        assertThat(p.squatting()).isFalse();
        assertThat(p.expectsOrigin(666)).isTrue();
        assertThat(p.expectsLength(24)).isTrue();
        assertThat(p.expectsLength(25)).as("more-specifics still need an operator").isFalse();
        assertThat(p.upstreams()).containsExactly(174L);
    }

    @Test
    void shouldNotTreatAnIgnoredEntryAsSquatting() {
        MonitoredPrefixes cfg = MonitoredPrefixes.parse("10.0.0.0/8: {asn: 1}\n10.2.0.0/16: {ignore: true}\n", "t.yml");
        assertThat(cfg.all().get(1).squatting()).isFalse();
        assertThat(cfg.match("10.2.0.0/16")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8          | 8  | 8
            10.0.0.0/8^-        | 9  | 32
            10.0.0.0/8^+        | 8  | 32
            10.0.0.0/8^16       | 16 | 16
            10.0.0.0/8^8        | 8  | 8
            10.0.0.0/8^16-24    | 16 | 24
            10.0.0.0/8^8-12     | 8  | 12
            2001:db8::/32^+     | 32 | 128
            2001:db8::/32^48    | 48 | 48
            2001:db8::/32^-     | 33 | 128
            """)
    void shouldReadEachRangeOperatorAsTheLengthsItExpects(String key, int min, int max) {
        MonitoredPrefixes.Prefix p = only(key + ":\n  asn: 64500\n");
        assertThat(p.minLength()).isEqualTo(min);
        assertThat(p.maxLength()).isEqualTo(max);
        assertThat(p.key()).isEqualTo(key);
        assertThat(p.expectsLength(min)).isTrue();
        assertThat(p.expectsLength(max)).isTrue();
        assertThat(p.expectsLength(min - 1)).isFalse();
        assertThat(p.expectsLength(max + 1)).isFalse();
    }

    @Test
    void shouldMatchRoutesOfAnOperatorKeyByItsPrefix() {
        MonitoredPrefixes cfg = MonitoredPrefixes.parse("10.0.0.0/8^16-24: {asn: 64500}\n", "t.yml");
        assertThat(cfg.match("10.0.0.0/8")).map(MonitoredPrefixes.Prefix::key).contains("10.0.0.0/8^16-24");
        assertThat(cfg.match("10.9.9.128/25")).as("beyond the expected lengths, still monitored")
                .map(p -> p.prefix().toString()).contains("10.0.0.0/8");
        assertThat(cfg.exact(Cidr.parse("10.0.0.0/8"))).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown operator    | '10.0.0.0/8^x: {asn: 1}'                                   | 1 | unknown operator '^x' (use ^-, ^+, ^n or ^n-m
            length too short    | '1.1.1.0/24: {asn: 1}\\n10.0.0.0/8^4: {asn: 1}'            | 2 | the lengths of ^4 must lie within /8 to /32
            length too long     | '10.0.0.0/8^33: {asn: 1}'                                   | 1 | must lie within /8 to /32
            v6 length too long  | '2001:db8::/32^129: {asn: 1}'                               | 1 | must lie within /32 to /128
            reversed range      | '10.0.0.0/8^24-16: {asn: 1}'                                | 1 | shortest first
            no more-specifics   | '192.0.2.1/32^-: {asn: 1}'                                  | 1 | a /32 has no more-specifics
            bad prefix          | '10.0.0.1/8^+: {asn: 1}'                                    | 1 | is not a valid prefix
            twice via operator  | '10.0.0.0/8: {asn: 1}\\n10.0.0.0/8^+: {asn: 1}'             | 2 | configured twice (first on line 1)
            operator and ignoreMorespecifics | '10.0.0.0/8^+:\\n  asn: 1\\n  ignoreMorespecifics: true' | 1 | the operator ^+ on 10.0.0.0/8 means nothing: ignoreMorespecifics
            operator and squatting | '10.0.0.0/8^-:\\n  announce: false'                      | 1 | means nothing: no announcement under it is expected
            operator and ignore | '10.0.0.0/8: {asn: 1}\\n10.1.0.0/16^+:\\n  ignore: true'    | 2 | means nothing: ignore: true
            empty asn list      | '1.1.1.0/24:\\n  asn: []'                                   | 2 | lists no origin; to say no AS may announce the prefix, write announce: false
            star with others    | '1.1.1.0/24:\\n  asn: ["*", 13335]'                         | 2 | "*" (any origin) cannot be combined
            zero with others    | '1.1.1.0/24:\\n  asn: [0, 13335]'                           | 2 | AS0 (no origin may announce it) cannot be combined
            announce and asn    | '1.1.1.0/24:\\n  asn: 13335\\n  announce: false'            | 3 | announce: false says no AS may announce 1.1.1.0/24, but asn lists origins
            announce and star   | '1.1.1.0/24:\\n  asn: "*"\\n  announce: false'              | 3 | but asn lists origins
            announce true asn 0 | '1.1.1.0/24:\\n  asn: 0\\n  announce: true'                 | 3 | announce: true contradicts asn: 0
            announce not bool   | '1.1.1.0/24:\\n  announce: no-thanks'                       | 2 | announce must be true or false
            squatting upstreams | '1.1.1.0/24:\\n  announce: false\\n  upstreams: [174]'      | 3 | no upstream is allowed either
            no asn hint         | '1.1.1.0/24:\\n  group: x'                                  | 1 | or announce: false when no AS may announce it
            not an asn          | '1.1.1.0/24:\\n  asn: hello'                                | 2 | value 'hello' is not an AS number (0..4294967295, e.g. 13335 or AS13335), an AS-SET name or "*"
            star upstream       | '1.1.1.0/24:\\n  asn: 1\\n  upstreams: "*"'                 | 3 | upstreams value '*' is not an AS number
            AS0 upstream        | '1.1.1.0/24:\\n  asn: 1\\n  upstreams: [174, 0]'            | 3 | AS0 is never a neighbour
            set without file    | '1.1.1.0/24:\\n  asn: AS-EXAMPLE'                           | 2 | AS-SET AS-EXAMPLE is not defined: there is no AS-SET file
            """)
    void shouldRejectEachMistakeInTheNewSyntaxWithItsLine(String kind, String yaml, int line, String reason) {
        String text = yaml.replace("\\n", "\n");
        assertThatThrownBy(() -> MonitoredPrefixes.parse(text, "bad.yml"))
                .isInstanceOf(MonitoredPrefixesException.class)
                .satisfies(e -> {
                    MonitoredPrefixesException m = (MonitoredPrefixesException) e;
                    assertThat(m.reason()).contains(reason);
                    assertThat(m.line()).isEqualTo(line);
                    assertThat(m.getMessage()).startsWith("bad.yml:" + line + ": ");
                });
    }
}

package io.netobs.schema.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AsSetsTest {
    static final String SETS = """
            AS-ORIGINS:
              - AS64500
              - as-customers
            AS-CUSTOMERS: [64510, "64511", AS64500:AS-DOWNSTREAM]
            AS64500:AS-DOWNSTREAM: 64520
            AS-TRANSIT: [174, 3356]
            AS-EMPTY: []
            """;
    static final AsSets SET = AsSets.parse(SETS, "as-sets.yml");

    @TempDir
    Path dir;

    @Test
    void shouldExpandNestedSetsWithNamesCaseInsensitive() {
        assertThat(SET.members("AS-ORIGINS")).containsExactlyInAnyOrder(64500L, 64510L, 64511L, 64520L);
        assertThat(SET.members("as-customers")).containsExactlyInAnyOrder(64510L, 64511L, 64520L);
        assertThat(SET.members("as64500:as-downstream")).containsExactly(64520L);
        assertThat(SET.members("AS-EMPTY")).isEmpty();
        assertThat(SET.members("AS-UNKNOWN")).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"AS-FOO, true", "as-foo_bar-1, true", "AS64500:AS-FOO, true", "AS-FOO:AS64500, true",
            "AS64500:AS-FOO:AS-BAR, true", "AS64500, false", "AS-, false", "FOO, false", "AS-FOO:, false",
            "AS64500:AS64501, false", "'AS-FOO BAR', false"})
    void shouldRecogniseSetNamesAsRfc2622WritesThem(String name, boolean set) {
        assertThat(AsSets.isSetName(name)).isEqualTo(set);
    }

    @Test
    void shouldResolveSetsNamedInAsnAndUpstreams() {
        MonitoredPrefixes cfg = MonitoredPrefixes.parse("""
                10.0.0.0/8:
                  asn: [AS-ORIGINS, 64530]
                  upstreams: AS-TRANSIT
                """, "prefixes.yml", SET);
        MonitoredPrefixes.Prefix p = cfg.all().get(0);
        assertThat(p.originAsns()).containsExactlyInAnyOrder(64500L, 64510L, 64511L, 64520L, 64530L);
        assertThat(p.upstreams()).containsExactlyInAnyOrder(174L, 3356L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown set         | '1.1.1.0/24:\\n  asn: AS-NOPE'                  | 2 | unknown AS-SET AS-NOPE (not defined in as-sets.yml)
            unknown upstream set | '1.1.1.0/24:\\n  asn: 1\\n  upstreams: [174, AS-NOPE]' | 3 | unknown AS-SET AS-NOPE (not defined in as-sets.yml)
            empty set as origin | '1.1.1.0/24:\\n  asn: AS-EMPTY'                 | 2 | AS-SET AS-EMPTY (as-sets.yml) has no members; to say no AS may announce the prefix, write announce: false
            empty set upstream  | '1.1.1.0/24:\\n  asn: 1\\n  upstreams: AS-EMPTY' | 3 | AS-SET AS-EMPTY (as-sets.yml) has no members
            """)
    void shouldFailWithThePrefixesLineForASetItCannotUse(String kind, String yaml, int line, String reason) {
        assertThatThrownBy(() -> MonitoredPrefixes.parse(yaml.replace("\\n", "\n"), "prefixes.yml", SET))
                .isInstanceOf(MonitoredPrefixesException.class)
                .hasMessage("prefixes.yml:" + line + ": " + reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            includes itself     | 'AS-A: [1, AS-A]'                               | 1 | AS-SET AS-A includes itself: AS-A -> AS-A
            cycle through others | 'AS-A: [AS-B]\\nAS-B:\\n  - 2\\n  - AS-C\\nAS-C: [AS-A]' | 5 | AS-SET AS-A includes itself: AS-A -> AS-B -> AS-C -> AS-A
            cycle, mixed case   | 'AS-A: [as-b]\\nas-b: [AS-a]'                   | 2 | AS-SET AS-A includes itself: AS-A -> AS-B -> AS-A
            unknown member set  | 'AS-A: [1]\\nAS-B:\\n  - 2\\n  - AS-C'          | 4 | AS-SET AS-B includes AS-C, which this file does not define
            bad set name        | 'AS-A: [1]\\nCUSTOMERS: [2]'                    | 2 | 'CUSTOMERS' is not an AS-SET name (RFC 2622: AS-NAME or AS64500:AS-NAME)
            bad member          | 'AS-A:\\n  - 1\\n  - ASX2'                      | 3 | member 'ASX2' of AS-A is neither an AS number (e.g. 64500 or AS64500) nor an AS-SET name
            AS0 member          | 'AS-A: [0]'                                      | 1 | AS0 in AS-A: AS0 (RFC 7607) is never an origin
            defined twice       | 'AS-A: [1]\\nas-a: [2]'                         | 2 | AS-SET AS-A is defined twice (first on line 1; names are case-insensitive)
            members a mapping   | 'AS-A:\\n  x: 1'                                | 2 | members of AS-A must be a value or a list, not a mapping
            member a list       | 'AS-A: [[1, 2]]'                                 | 1 | a member of AS-A must be an AS number or an AS-SET name
            not a mapping       | '- AS-A'                                         | 1 | expected a mapping of AS-SET name -> members
            syntax error        | 'AS-A: [1, 2\\nAS-B: 3'                         | 0 | not valid YAML
            """)
    void shouldRejectEachMistakeOfTheSetsFileWithItsLine(String kind, String yaml, int line, String reason) {
        assertThatThrownBy(() -> AsSets.parse(yaml.replace("\\n", "\n"), "as-sets.yml"))
                .isInstanceOf(MonitoredPrefixesException.class)
                .satisfies(e -> {
                    MonitoredPrefixesException m = (MonitoredPrefixesException) e;
                    assertThat(m.file()).isEqualTo("as-sets.yml");
                    assertThat(m.reason()).contains(reason);
                    if (line > 0) {
                        assertThat(m.getMessage()).startsWith("as-sets.yml:" + line + ": ");
                    } else {
                        assertThat(m.line()).isPositive();
                    }
                });
    }

    @Test
    void shouldReadTheSetsFileBesideThePrefixesFile() throws IOException {
        Path prefixes = Files.writeString(dir.resolve("prefixes.yml"), "10.0.0.0/8: {asn: AS-ORIGINS}\n");
        Files.writeString(dir.resolve("as-sets.yml"), SETS);
        assertThat(MonitoredPrefixes.load(prefixes, Map.of()).all().get(0).originAsns()).contains(64520L);
    }

    @Test
    void shouldPreferTheSetsFileNetobsBgpAsSetsNames() throws IOException {
        Path prefixes = Files.writeString(dir.resolve("prefixes.yml"), "10.0.0.0/8: {asn: AS-OTHER}\n");
        Files.writeString(dir.resolve("as-sets.yml"), SETS);
        Path other = Files.writeString(dir.resolve("elsewhere.yml"), "AS-OTHER: [64599]\n");
        MonitoredPrefixes cfg = MonitoredPrefixes.load(prefixes, Map.of("NETOBS_BGP_AS_SETS", other.toString()));
        assertThat(cfg.all().get(0).originAsns()).containsExactly(64599L);
        assertThatThrownBy(() -> MonitoredPrefixes.load(prefixes, Map.of()))
                .hasMessage(prefixes + ":1: unknown AS-SET AS-OTHER (not defined in " + dir.resolve("as-sets.yml") + ")");
    }

    @Test
    void shouldFailWhenTheNamedSetsFileIsMissingButNotWhenTheDefaultOneIs() throws IOException {
        Path prefixes = Files.writeString(dir.resolve("prefixes.yml"), "10.0.0.0/8: {asn: 64500}\n");
        assertThat(MonitoredPrefixes.load(prefixes, Map.of()).all()).hasSize(1);
        Path missing = dir.resolve("missing.yml");
        assertThatThrownBy(() -> MonitoredPrefixes.load(prefixes, Map.of("NETOBS_BGP_AS_SETS", missing.toString())))
                .isInstanceOf(MonitoredPrefixesException.class)
                .hasMessageStartingWith(missing + ": cannot read the AS-SET file");
    }

    @Test
    void shouldReportAnErrorInTheSetsFileWithItsOwnName() throws IOException {
        Path prefixes = Files.writeString(dir.resolve("prefixes.yml"), "10.0.0.0/8: {asn: 64500}\n");
        Files.writeString(dir.resolve("as-sets.yml"), "AS-A: [AS-B]\nAS-B: [AS-A]\n");
        assertThatThrownBy(() -> MonitoredPrefixes.load(prefixes, Map.of()))
                .hasMessage(dir.resolve("as-sets.yml") + ":2: AS-SET AS-A includes itself: AS-A -> AS-B -> AS-A");
    }

    @Test
    void shouldLoadTheExampleSetsFileOfTheRepository() {
        AsSets example = AsSets.load(Path.of("../infra/config/as-sets.yml"));
        assertThat(example.members("AS-NETOBS-EXAMPLE-ORIGINS")).containsExactlyInAnyOrder(64496L, 64497L, 64498L);
        assertThat(example.members("AS64496:AS-NETOBS-EXAMPLE-TRANSIT")).containsExactlyInAnyOrder(64499L, 64500L);
    }
}

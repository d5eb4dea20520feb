package io.netobs.schema.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MonitoredPrefixesTest {
    private static final String BASE = """
            10.0.0.0/8:
              description: corp
              asn: [64500, AS64501]
              group: core
            10.1.0.0/16:
              asn: "64502"
              ignoreMorespecifics: true
            10.2.0.0/16:
              ignore: true
            2001:db8::/32:
              asn: 64503
              upstreams: [174, 3356]
            options:
              ignoredPeers: [192.0.2.1, "2001:DB8:0:0::1", AS64496, 64497]
              minPeers: 3
              maxMoreSpecifics: 10
              visibility:
                minPeers: 5
                minFraction: 0.25
            """;

    private final MonitoredPrefixes cfg = MonitoredPrefixes.parse(BASE, "t.yml");

    @Test
    void shouldLoadTheExampleFileOfTheRepository() {
        MonitoredPrefixes example = MonitoredPrefixes.load(Path.of("../infra/config/prefixes.yml"));
        assertThat(example.match("1.1.1.0/24")).map(p -> p.originAsns()).contains(Set.of(13335L));
        assertThat(example.match("45.161.192.0/23")).map(p -> p.originAsns()).contains(Set.of(268481L));
        assertThat(example.match("2607:ffc0:1000::/36")).isPresent();
        assertThat(example.options().minPeers()).isEqualTo(2);
    }

    @Test
    void shouldAcceptTheCommentedExampleOfTheRepositoryFileWithItsAsSets() throws java.io.IOException {
        String file = java.nio.file.Files.readString(Path.of("../infra/config/prefixes.yml"));
        String block = file.substring(file.indexOf("# Example (not active here):\n"));
        block = block.substring(block.indexOf('\n') + 1, block.indexOf("\n#\n"));
        String yaml = block.lines().map(l -> l.substring(1)).collect(java.util.stream.Collectors.joining("\n")).stripIndent();
        MonitoredPrefixes example = MonitoredPrefixes.parse(yaml, "example", AsSets.load(Path.of("../infra/config/as-sets.yml")));
        assertThat(example.all()).extracting(MonitoredPrefixes.Prefix::key)
                .containsExactly("192.0.2.0/24", "198.51.100.0/22^23-24");
        assertThat(example.all().get(0).squatting()).isTrue();
        assertThat(example.all().get(1).originAsns()).containsExactlyInAnyOrder(64496L, 64497L, 64498L);
        assertThat(example.all().get(1).upstreams()).containsExactlyInAnyOrder(64499L, 64500L);
    }

    @Test
    void shouldReadEveryFieldAndOption() {
        MonitoredPrefixes.Prefix p = cfg.match("10.0.0.0/8").orElseThrow();
        assertThat(p.originAsns()).containsExactlyInAnyOrder(64500L, 64501L);
        assertThat(p.group()).isEqualTo("core");
        assertThat(p.description()).isEqualTo("corp");
        assertThat(cfg.match("2001:db8::/32").orElseThrow().upstreams()).containsExactlyInAnyOrder(174L, 3356L);
        assertThat(cfg.options().minPeers()).isEqualTo(3);
        assertThat(cfg.options().visibilityMinPeers()).isEqualTo(5);
        assertThat(cfg.options().visibilityMinFraction()).isEqualTo(0.25);
        assertThat(cfg.options().maxMoreSpecifics()).isEqualTo(10);
        assertThat(cfg.monitored()).hasSize(3);
        assertThat(cfg.all()).hasSize(4);
    }

    @Test
    void shouldMatchTheMostSpecificMonitoredPrefix() {
        assertThat(cfg.match("10.3.4.0/24")).map(p -> p.prefix().toString()).contains("10.0.0.0/8");
        assertThat(cfg.match("10.1.0.0/16")).map(p -> p.prefix().toString()).contains("10.1.0.0/16");
        assertThat(cfg.match("2001:db8:0:1::/64")).map(p -> p.prefix().toString()).contains("2001:db8::/32");
        assertThat(cfg.match("11.0.0.0/24")).isEmpty();
        assertThat(cfg.match("10.0.0.0/7")).isEmpty();
        assertThat(cfg.match("not a prefix")).isEmpty();
    }

    @Test
    void shouldNotMatchMoreSpecificsOfIgnoreMorespecificsNorIgnoredHoles() {
        assertThat(cfg.match("10.1.2.0/24")).isEmpty();
        assertThat(cfg.match("10.2.0.0/16")).isEmpty();
        assertThat(cfg.match("10.2.9.0/24")).isEmpty();
    }

    @Test
    void shouldRecogniseIgnoredFeederPeersByIpOrAsn() {
        assertThat(cfg.isIgnoredPeer("192.0.2.1", 1)).isTrue();
        assertThat(cfg.isIgnoredPeer("2001:db8::1", 1)).isTrue();
        assertThat(cfg.isIgnoredPeer("198.51.100.1", 64496)).isTrue();
        assertThat(cfg.isIgnoredPeer("198.51.100.1", 64497)).isTrue();
        assertThat(cfg.isIgnoredPeer("198.51.100.1", 1)).isFalse();
    }

    @Test
    void shouldLookUpManyPrefixesCheaply() {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            y.append("100.").append(i / 256).append('.').append(i % 256).append(".0/24: {asn: ").append(i + 1).append("}\n");
        }
        MonitoredPrefixes many = MonitoredPrefixes.parse(y.toString(), "many.yml");
        assertThat(many.match("100.19.135.128/25")).map(p -> p.originAsns()).contains(Set.of(19L * 256 + 135 + 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            syntax error        | 'a: [1, 2\\nb: 3'                                  | 0 | not valid YAML
            empty file          | ''                                                | 1 | the file is empty
            not a mapping       | '- 1.1.1.0/24'                                    | 1 | mapping of prefix
            host bits           | '1.1.1.0/24: {asn: 1}\\n1.1.1.1/24: {asn: 2}'     | 2 | host bits set
            not a prefix        | 'hello: {asn: 1}'                                 | 1 | not a valid prefix
            duplicate canonical | '2001:db8::/32: {asn: 1}\\n2001:0db8:0::/32: {asn: 1}' | 2 | configured twice (first on line 1)
            duplicate key       | '1.1.1.0/24: {asn: 1}\\n1.1.1.0/24: {asn: 1}'     | 2 | duplicate key
            missing asn         | '1.1.1.0/24:\\n  description: x\\n8.8.8.0/24: {asn: 1}' | 1 | no expected origin
            bad asn             | '1.1.1.0/24:\\n  asn: ASX13335'                   | 2 | not an AS number
            asn too big         | '1.1.1.0/24:\\n  asn: 4294967296'                 | 2 | not an AS number
            unknown key         | '1.1.1.0/24:\\n  asn: 1\\n  ignoreMoreSpecifics: true' | 3 | unknown key 'ignoreMoreSpecifics'
            not a boolean       | '1.1.1.0/24:\\n  asn: 1\\n  ignoreMorespecifics: maybe' | 3 | must be true or false
            settings not a map  | '1.1.1.0/24: 13335'                               | 1 | must be a mapping
            bad minPeers        | '1.1.1.0/24: {asn: 1}\\noptions:\\n  minPeers: 0' | 3 | minPeers must be a whole number >= 1
            bad fraction        | '1.1.1.0/24: {asn: 1}\\noptions:\\n  visibility:\\n    minFraction: 2' | 4 | minFraction must be a number from 0 to 1
            bad ignored peer    | '1.1.1.0/24: {asn: 1}\\noptions:\\n  ignoredPeers:\\n    - 1.2.3\\n' | 4 | neither an IP address nor an ASN
            bad maxMoreSpecifics | '1.1.1.0/24: {asn: 1}\\noptions:\\n  maxMoreSpecifics: -1' | 3 | maxMoreSpecifics must be a whole number >= 0
            unknown option      | '1.1.1.0/24: {asn: 1}\\noptions:\\n  minpeers: 3' | 3 | unknown key 'minpeers' in options
            no prefixes         | 'options:\\n  minPeers: 2'                        | 1 | no prefixes configured
            """)
    void shouldRejectEachKindOfBadFileWithItsLineAndReason(String kind, String yaml, int line, String reason) {
        String text = yaml.replace("\\n", "\n");
        assertThatThrownBy(() -> MonitoredPrefixes.parse(text, "bad.yml"))
                .isInstanceOf(MonitoredPrefixesException.class)
                .satisfies(e -> {
                    MonitoredPrefixesException m = (MonitoredPrefixesException) e;
                    assertThat(m.file()).isEqualTo("bad.yml");
                    assertThat(m.reason()).contains(reason);
                    if (line > 0) {
                        assertThat(m.line()).isEqualTo(line);
                        assertThat(m.getMessage()).startsWith("bad.yml:" + line + ": ");
                    } else {
                        assertThat(m.line()).isPositive();
                    }
                });
    }

    @Test
    void shouldNameTheFileWhenItCannotBeRead() {
        assertThatThrownBy(() -> MonitoredPrefixes.load(Path.of("/nonexistent/prefixes.yml")))
                .isInstanceOf(MonitoredPrefixesException.class)
                .hasMessageStartingWith("/nonexistent/prefixes.yml: cannot read");
    }
}

package io.netobs.streams.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.Cidr;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpMetricsTest {
    static final String CONFIG = """
            1.1.1.0/24:
              asn: 13335
            options:
              minPeers: 1
            """;

    private static String scrape(BgpDriver d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, d.module.metrics(d.stores()).collect(), EscapingScheme.ALLOW_UTF8);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldServeEveryFamilyWithHelpAndTypeInTheTextFormat() throws IOException {
        VrpSet vrps = VrpSet.of(List.of(new VrpSet.Vrp(Cidr.parse("1.1.1.0/24"), 24, 13335)));
        try (BgpDriver d = new BgpDriver(CONFIG, vrps)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/24", 64501, 666);
            d.withdraw(1, "198.51.100.2", 64502, "1.1.1.0/24");
            String text = scrape(d);
            for (String family : List.of("bgp_announcements_total counter", "bgp_withdrawals_total counter",
                    "bgp_last_event_timestamp_seconds gauge", "bgp_prefix_visible_peers gauge",
                    "bgp_prefix_reporting_peers gauge", "netobs_bgp_prefix_expected_visible_peers gauge",
                    "netobs_bgp_route_updates_total counter",
                    "netobs_bgp_rpki_routes gauge", "netobs_bgp_events_opened_total counter",
                    "netobs_bgp_active_events gauge")) {
                assertThat(text).contains("# TYPE " + family);
                assertThat(text).contains("# HELP " + family.substring(0, family.indexOf(' ')) + " ");
            }
            assertThat(text)
                    .contains("bgp_announcements_total{origin_as=\"666\",peer_asn=\"64501\",prefix=\"1.1.1.0/24\",project=\"ris\"} 1.0")
                    .contains("netobs_bgp_rpki_routes{prefix=\"1.1.1.0/24\",status=\"invalid\"} 1.0")
                    .contains("netobs_bgp_active_events{kind=\"ORIGIN_HIJACK\",prefix=\"1.1.1.0/24\",severity=\"critical\"} 1.0")
                    .contains("netobs_bgp_active_events{kind=\"RPKI_INVALID\",prefix=\"1.1.1.0/24\",severity=\"warning\"} 1.0")
                    .contains("netobs_bgp_active_events{kind=\"RPKI_INVALID\",prefix=\"1.1.1.0/24\",severity=\"critical\"} 0.0");
        }
    }

    @Test
    void shouldReflectAVrpChangeAtTheNextScrape() throws IOException {
        VrpSet[] current = {VrpSet.EMPTY};
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            d.announce(0, "198.51.100.1", "1.1.1.0/24", 64501, 13335);
            BgpMetrics metrics = new BgpMetrics(d.stores(), () -> current[0], d.module.config());
            assertThat(metrics.collect().stream().filter(s -> s.getMetadata().getName().equals("netobs_bgp_rpki_routes"))
                    .findFirst().orElseThrow().getDataPoints()).hasSize(3);
            current[0] = VrpSet.of(List.of(new VrpSet.Vrp(Cidr.parse("1.1.0.0/16"), 16, 13335)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, metrics.collect(), EscapingScheme.ALLOW_UTF8);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("netobs_bgp_rpki_routes{prefix=\"1.1.1.0/24\",status=\"invalid\"} 1.0");
        }
    }

    @Test
    void shouldExportEveryKindWithEverySeverityItCanHaveFromZero() {
        try (BgpDriver d = new BgpDriver(CONFIG, null)) {
            for (BgpEvent.Kind kind : BgpEvent.Kind.values()) {
                assertThat(BgpMetrics.SEVERITIES.get(kind)).as(kind + " has its severities listed").isNotEmpty();
                assertThat(d.metric("netobs_bgp_events_opened_total", "kind", kind.name(), "prefix", "1.1.1.0/24"))
                        .as(kind.name()).isZero();
                for (String severity : BgpMetrics.SEVERITIES.get(kind)) {
                    assertThat(d.metric("netobs_bgp_active_events", "kind", kind.name(), "prefix", "1.1.1.0/24",
                            "severity", severity)).as(kind + " " + severity).isZero();
                }
            }
            assertThat(BgpMetrics.SEVERITIES.get(BgpEvent.Kind.SQUATTING)).containsExactly("critical");
        }
    }
}

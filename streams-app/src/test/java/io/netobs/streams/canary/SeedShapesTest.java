package io.netobs.streams.canary;

import static io.netobs.streams.canary.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.Topics;
import io.netobs.streams.canary.state.SeriesState;
import io.netobs.streams.http.HttpApi;
import io.netobs.streams.metrics.CanaryMetrics;
import io.netobs.streams.metrics.PipelineMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every message shape the seed's three canaries produce (built field by field as their Python
 * code does, nulls included, sent without a key as they send them) aggregates, and the seed's
 * families come out with the values kafka_consumer.py would have set.
 */
class SeedShapesTest {
    private static final Instant AT = T0.plusSeconds(1);

    /** All shapes of ping_canary.py, dns_canary.py and http_canary.py. */
    static final List<String> SHAPES = List.of(
            Results.ping("ping-1", "8.8.8.8", "SUCCESS", 11.0, 0.0, AT),
            Results.ping("ping-1", "8.8.8.8", "SUCCESS", 13.0, 40.0, AT.plusMillis(1)),
            Results.ping("ping-1", "10.0.0.1", "FAILURE", null, 100.0, "100% packet loss", AT),
            Results.ping("ping-1", "10.0.0.2", "TIMEOUT", null, null, "fping command timed out after 10 seconds for target 10.0.0.2", AT),
            Results.ping("ping-1", "10.0.0.3", "ERROR", null, null, "fping command not found. Please install fping.", AT),
            Results.dns("dns-1", "example.com", "SUCCESS", 23.5, "A", "System Default", "[\"93.184.216.34\"]", null, AT),
            Results.dns("dns-1", "example.com", "SUCCESS", 25.5, "A", "System Default", "[\"1.2.3.4\", \"93.184.216.34\"]", null, AT.plusMillis(1)),
            Results.dns("dns-1", "nx.example", "FAILURE", 4.0, "A", "System Default", "null", "NXDOMAIN (Domain does not exist)", AT),
            Results.dns("dns-1", "noaaaa.example", "FAILURE", 5.0, "AAAA", "127.0.0.53", "null", "No AAAA record found (NoAnswer)", AT),
            Results.dns("dns-1", "slow.example", "TIMEOUT", null, "A", "127.0.0.53", "null", "Query timed out after 5 seconds", AT),
            Results.dns("dns-1", "broken.example", "ERROR", null, "A", "127.0.0.53", "null", "No nameservers available: x", AT),
            Results.http("http-1", "https://example.com", "SUCCESS", 120.0, 200, 1256L, null, null, AT),
            Results.http("http-1", "https://match.example", "SUCCESS", 80.0, 200, 10L, true, null, AT),
            Results.http("http-1", "https://nomatch.example", "FAILURE", 90.0, 200, 10L, false, "Expected string 'x' not found in response", AT),
            Results.http("http-1", "https://err.example/500", "FAILURE", 30.0, 500, 0L, null, "HTTP Error: 500 Internal Server Error", AT),
            Results.http("http-1", "https://slow.example", "TIMEOUT", null, null, null, null, "Request timed out after 10 seconds", AT),
            Results.http("http-1", "https://refused.example", "ERROR", null, null, null, null, "Request failed: ConnectionError - x", AT));

    private static String scrape(TopologyFixture f) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.getPrometheusRegistry().register(new CanaryMetrics(f.stores()));
        registry.getPrometheusRegistry().register(new PipelineMetrics(f.stores(), List.of(new PipelineMetrics.Source(
                CanaryNames.STORE_COUNTERS, List.of(Topics.CANARY_RESULTS), List.of("canary", "dns")))));
        return registry.scrape(HttpApi.PROMETHEUS_TEXT);
    }

    @Test
    void shouldAggregateEverySeedMessageShape() {
        try (TopologyFixture f = new TopologyFixture()) {
            SHAPES.forEach(json -> f.send(null, json, AT));
            f.advanceTo(T0.plusSeconds(60));

            assertThat(f.deadLetterTopic.isEmpty()).isTrue();
            Map<String, CanaryAggregate> perCanary = f.aggregates.readValuesToList().stream()
                    .filter(a -> a.canaryId() != null && !a.target().equals("zz-clock"))
                    .collect(Collectors.toMap(a -> a.target(), a -> a));
            assertThat(perCanary).hasSize(15);
            assertThat(perCanary.values().stream().mapToLong(CanaryAggregate::count).sum()).isEqualTo(SHAPES.size());
            CanaryAggregate ping = perCanary.get("8.8.8.8");
            assertThat(ping.latencyCount()).isEqualTo(2);
            assertThat(ping.packetLossMeanPercent()).isEqualTo(20.0);
            assertThat(ping.jitterMs()).isEqualTo(2.0);
            assertThat(perCanary.get("10.0.0.1").statusCounts()).isEqualTo(Map.of("FAILURE", 1L));
            assertThat(perCanary.get("10.0.0.1").latencyCount()).isZero();
            assertThat(perCanary.get("nx.example").latencyCount()).as("FAILURE with latency counts").isEqualTo(1);
            assertThat(perCanary.get("https://slow.example").statusCounts()).isEqualTo(Map.of("TIMEOUT", 1L));
            assertThat(perCanary.get("https://slow.example").availability()).isZero();
        }
    }

    @Test
    void shouldExportTheSeedFamiliesWithTheSeedsLabelsAndValues() {
        try (TopologyFixture f = new TopologyFixture()) {
            SHAPES.forEach(json -> f.send(null, json, AT));
            String text = scrape(f);
            assertThat(text).contains(
                    "# TYPE canary_status_total counter",
                    "canary_status_total{canary_id=\"ping-1\",status=\"SUCCESS\",target=\"8.8.8.8\",type=\"ping\"} 2.0",
                    "canary_status_total{canary_id=\"ping-1\",status=\"ERROR\",target=\"10.0.0.3\",type=\"ping\"} 1.0",
                    // every status from 0, so increase() sees a first FAILURE
                    "canary_status_total{canary_id=\"ping-1\",status=\"FAILURE\",target=\"8.8.8.8\",type=\"ping\"} 0.0",
                    "netobs_dead_letters_total{reason=\"not_json\",topic=\"canary-results\"} 0.0",
                    "netobs_dead_letters_total{reason=\"timestamp_in_future\",topic=\"canary-results\"} 0.0",
                    "canary_status_total{canary_id=\"http-1\",status=\"TIMEOUT\",target=\"https://slow.example\",type=\"http\"} 1.0",
                    "# TYPE canary_latency_ms gauge",
                    "canary_latency_ms{canary_id=\"ping-1\",target=\"8.8.8.8\",type=\"ping\"} 13.0",
                    "canary_latency_ms{canary_id=\"dns-1\",target=\"nx.example\",type=\"dns\"} 4.0",
                    "canary_latency_ms{canary_id=\"http-1\",target=\"https://err.example/500\",type=\"http\"} 30.0",
                    "ping_packet_loss_percent{canary_id=\"ping-1\",target=\"8.8.8.8\",type=\"ping\"} 40.0",
                    "ping_packet_loss_percent{canary_id=\"ping-1\",target=\"10.0.0.1\",type=\"ping\"} 100.0",
                    "dns_resolve_time_ms{canary_id=\"dns-1\",query_type=\"A\",resolver=\"System Default\",target=\"example.com\",type=\"dns\"} 25.5",
                    "dns_resolve_time_ms{canary_id=\"dns-1\",query_type=\"AAAA\",resolver=\"127.0.0.53\",target=\"noaaaa.example\",type=\"dns\"} 5.0",
                    "http_status_code{canary_id=\"http-1\",target=\"https://err.example/500\",type=\"http\"} 500.0",
                    "http_response_size_bytes{canary_id=\"http-1\",target=\"https://example.com\",type=\"http\"} 1256.0",
                    "http_content_match_status{canary_id=\"http-1\",target=\"https://example.com\",type=\"http\"} -1.0",
                    "http_content_match_status{canary_id=\"http-1\",target=\"https://match.example\",type=\"http\"} 1.0",
                    "http_content_match_status{canary_id=\"http-1\",target=\"https://nomatch.example\",type=\"http\"} 0.0",
                    "http_content_match_status{canary_id=\"http-1\",target=\"https://refused.example\",type=\"http\"} -1.0",
                    "netobs_dns_answer_hash{canary_id=\"dns-1\",query_type=\"A\",resolver=\"System Default\",target=\"example.com\"} "
                            + (double) SeriesState.answerHash(List.of("93.184.216.34", "1.2.3.4")));
            // the seed sets no latency for TIMEOUT/ERROR, and no http gauges it had no value for
            assertThat(text).doesNotContain("canary_latency_ms{canary_id=\"ping-1\",target=\"10.0.0.2\"")
                    .doesNotContain("http_status_code{canary_id=\"http-1\",target=\"https://slow.example\"")
                    .doesNotContain("dns_resolve_time_ms{canary_id=\"dns-1\",query_type=\"A\",resolver=\"127.0.0.53\",target=\"slow.example\"");
        }
    }

    @Test
    void shouldExportTheLatestClosedWindowInBaseUnits() {
        try (TopologyFixture f = new TopologyFixture()) {
            SHAPES.forEach(json -> f.send(null, json, AT));
            f.advanceTo(T0.plusSeconds(60));
            String text = scrape(f);
            assertThat(text).contains(
                    "netobs_canary_window_results{canary_id=\"ping-1\",probe=\"ping\",status=\"SUCCESS\",target=\"8.8.8.8\"} 2.0",
                    "netobs_canary_window_results{canary_id=\"ping-1\",probe=\"ping\",status=\"TIMEOUT\",target=\"8.8.8.8\"} 0.0",
                    "netobs_canary_window_latency_max_seconds{canary_id=\"ping-1\",probe=\"ping\",target=\"8.8.8.8\"} 0.013",
                    "netobs_canary_window_packet_loss_ratio{canary_id=\"ping-1\",probe=\"ping\",target=\"8.8.8.8\"} 0.2",
                    "netobs_canary_window_jitter_seconds{canary_id=\"ping-1\",probe=\"ping\",target=\"8.8.8.8\"} 0.002",
                    "netobs_target_window_availability_ratio{probe=\"http\",target=\"https://nomatch.example\"} 0.0",
                    "netobs_target_window_end_timestamp_seconds{probe=\"ping\",target=\"8.8.8.8\"} "
                            + (double) T0.plusSeconds(10).getEpochSecond(),
                    "netobs_canary_late_records_total 0.0",
                    "netobs_label_overflow_total{family=\"canary\"} 0.0");
            // rank floor(0.99 * (2 - 1)) = 0: the smaller of 11 and 13 ms, within 1 %
            assertThat(text).containsPattern(
                    "netobs_target_window_latency_seconds\\{probe=\"ping\",target=\"8.8.8.8\",quantile=\"0.99\"} 0\\.01(09\\d*|1\\d*)\n");
        }
    }
}

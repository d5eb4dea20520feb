package io.netobs.streams;

import java.util.List;
import java.util.stream.Stream;

/** Metric families on the streams app's scrape whose promtool lint findings are not the app's to fix. */
final class StreamsFamilies {
    /** Families we did not name: micrometer's Kafka client, JVM, process and system binders. */
    static final List<String> THIRD_PARTY_PREFIXES = List.of("kafka_", "jvm_", "process_", "system_");
    /** The seed's families, whose names (e.g. the "ms" unit) must not change so its queries keep working. */
    static final List<String> SEED_FAMILIES = List.of("canary_latency_ms ", "dns_resolve_time_ms ",
            "ping_packet_loss_percent ", "http_status_code ", "http_response_size_bytes ", "http_content_match_status ",
            "canary_status_total ");
    /** Both: the line prefixes {@code Promtool.problemsOutside} ignores. */
    static final List<String> NOT_OURS = Stream.concat(THIRD_PARTY_PREFIXES.stream(), SEED_FAMILIES.stream()).toList();

    private StreamsFamilies() {
    }
}

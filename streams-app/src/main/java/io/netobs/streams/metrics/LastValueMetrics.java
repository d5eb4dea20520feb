package io.netobs.streams.metrics;

import io.netobs.schema.Status;
import io.netobs.streams.canary.state.SeriesState;
import java.util.Map;

/**
 * The families built from the last-values store: the seed's, with its exact names, types and
 * labels ({@code canary_id, target, type}), and the newer per-result gauges (label {@code probe}).
 */
public final class LastValueMetrics {
    static final String LATENCY = "canary_latency_ms";
    static final String STATUS = "canary_status"; // exposed as canary_status_total
    static final String LOSS = "ping_packet_loss_percent";
    static final String DNS_TIME = "dns_resolve_time_ms";
    static final String HTTP_CODE = "http_status_code";
    static final String HTTP_SIZE = "http_response_size_bytes";
    static final String HTTP_MATCH = "http_content_match_status";
    static final String LAST_RESULT = "netobs_canary_last_result_timestamp_seconds";
    static final String HTTP_PHASE = "netobs_http_phase_seconds";
    static final String CERT_EXPIRY = "netobs_http_cert_expiry_timestamp_seconds";
    static final String DNS_HASH = "netobs_dns_answer_hash";
    static final String DNS_RCODE = "netobs_dns_rcode";

    private LastValueMetrics() {
    }

    static void declare(MetricFamilies f) {
        // Help texts of the seed's families are the seed's own.
        f.gauge(LATENCY, "Latency of canary test in milliseconds")
                .counter(STATUS, "Total count of canary test results by status")
                .gauge(LOSS, "Packet loss percentage for ping canary tests")
                .gauge(DNS_TIME, "DNS resolve time in milliseconds")
                .gauge(HTTP_CODE, "HTTP status code received from target")
                .gauge(HTTP_SIZE, "Size of the HTTP response body in bytes")
                .gauge(HTTP_MATCH, "Status of expected string match in HTTP response body (1=match, 0=mismatch, -1=not checked)")
                .gauge(LAST_RESULT, "Observation time of the newest result of the series, Unix seconds")
                .gauge(HTTP_PHASE, "Duration of each phase of the last HTTP probe, seconds")
                .gauge(CERT_EXPIRY, "Earliest notAfter of the TLS chain the last HTTPS probe saw, Unix seconds")
                .gauge(DNS_HASH, "Stable 32-bit hash (CRC-32) of the sorted answers of the last DNS probe; use changes()")
                .gauge(DNS_RCODE, "1 for the response code of the last DNS probe");
    }

    static void add(MetricFamilies f, String target, String type, String canary, SeriesState s) {
        String[] seed = {"canary_id", canary, "target", target, "type", type};
        for (Status st : Status.values()) {
            // Every status from 0 once the series exists (the seed's labelled counter was born at 1
            // with its first result of a status, which hides a first FAILURE from increase()).
            f.add(STATUS, s.statusTotals[st.ordinal()], "canary_id", canary, "target", target, "type", type,
                    "status", st.name());
        }
        f.addIfPresent(LATENCY, s.latencyMs, seed);
        f.addIfPresent(LOSS, s.packetLossPercent, seed);
        f.addIfPresent(HTTP_CODE, s.httpStatusCode, seed);
        f.addIfPresent(HTTP_SIZE, s.httpResponseSizeBytes, seed);
        f.addIfPresent(HTTP_MATCH, s.httpContentMatch, seed);
        if (s.dnsResolveMs != null) {
            s.dnsResolveMs.forEach((qtype, byResolver) -> byResolver.forEach((resolver, ms) ->
                    f.add(DNS_TIME, ms, "canary_id", canary, "target", target, "type", type,
                            "query_type", qtype, "resolver", resolver)));
        }
        if (s.lastResultMs != Long.MIN_VALUE) {
            f.add(LAST_RESULT, s.lastResultMs / 1000.0, "target", target, "probe", type, "canary_id", canary,
                    "pop", s.pop == null ? SeriesState.UNKNOWN : s.pop);
        }
        if (s.httpPhasesMs != null) {
            for (Map.Entry<String, Double> e : s.httpPhasesMs.entrySet()) {
                f.add(HTTP_PHASE, e.getValue() / 1000.0, "target", target, "canary_id", canary, "phase", e.getKey());
            }
        }
        f.addIfPresent(CERT_EXPIRY, s.certExpiryTimestampSeconds, "target", target, "canary_id", canary);
        if (s.dnsAnswerHash != null) {
            s.dnsAnswerHash.forEach((qtype, byResolver) -> byResolver.forEach((resolver, hash) ->
                    f.add(DNS_HASH, hash, "target", target, "canary_id", canary, "query_type", qtype,
                            "resolver", resolver)));
        }
        if (s.dnsRcode != null) {
            f.add(DNS_RCODE, 1, "target", target, "canary_id", canary, "rcode", s.dnsRcode);
        }
    }
}

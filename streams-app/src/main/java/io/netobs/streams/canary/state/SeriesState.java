package io.netobs.streams.canary.state;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Everything the seed's consumer kept in process memory for one (target, type, canary) series, plus
 * the newer last-value gauges. Each field is updated exactly when the seed's {@code kafka_consumer.py}
 * would set the corresponding gauge, and keeps its value otherwise (a Prometheus gauge is not
 * cleared by a result that lacks the field).
 *
 * <p>Its size is bounded whatever the input: label values are at most 1,024 characters (schema),
 * the DNS (query type, resolver) combinations at most {@link #MAX_DNS_KEYS} (further ones are
 * refused and counted), the answers kept for display at most {@link #MAX_ANSWERS} of at most
 * {@link #MAX_ANSWER_CHARS} characters. So the series record always fits a changelog record.
 */
public final class SeriesState {
    /** The seed's label value for a missing DNS query type or resolver. */
    public static final String UNKNOWN = "unknown";
    public static final int MAX_DNS_KEYS = 16;
    public static final int MAX_ANSWERS = 16;
    public static final int MAX_ANSWER_CHARS = 256;

    /** canary_status_total per {@link Status} ordinal. */
    public long[] statusTotals = new long[Status.values().length];
    /** canary_latency_ms: rtt_avg_ms else latency_ms, from SUCCESS and FAILURE results only. */
    public Double latencyMs;
    /** ping_packet_loss_percent (type ping). */
    public Double packetLossPercent;
    /** dns_resolve_time_ms by query type, then resolver (type dns, latency_ms, SUCCESS/FAILURE). */
    public Map<String, Map<String, Double>> dnsResolveMs;
    /** netobs_dns_answer_hash by query type, then resolver. */
    public Map<String, Map<String, Long>> dnsAnswerHash;
    public String dnsRcode;
    /** The answers of the last DNS result that had any, clipped, for the status page. */
    public List<String> dnsAnswers;
    /** http_status_code, http_response_size_bytes, http_content_match_status (1, 0, -1). */
    public Integer httpStatusCode;
    public Long httpResponseSizeBytes;
    public Integer httpContentMatch;
    /** netobs_http_phase_seconds, in ms here: phase name -> last value. */
    public Map<String, Double> httpPhasesMs;
    public Long certExpiryTimestampSeconds;
    /** Newest observation time seen, and the pop and error message of that result. */
    public long lastResultMs = Long.MIN_VALUE;
    public String pop;
    public Status lastStatus;
    public String lastError;

    /**
     * Adds one result.
     *
     * @return how many label combinations were refused because a per-series map is full
     */
    public int add(CanaryResult r, long eventTimeMs) {
        Status status = r.status();
        statusTotals[status.ordinal()]++;
        boolean attempted = status == Status.SUCCESS || status == Status.FAILURE;
        Double latency = r.effectiveLatencyMs();
        if (latency != null && attempted) {
            latencyMs = latency;
        }
        if (eventTimeMs >= lastResultMs) {
            lastResultMs = eventTimeMs;
            pop = r.pop() == null ? UNKNOWN : r.pop();
            lastStatus = status;
            lastError = r.errorMessage() == null ? null : clip(r.errorMessage(), MAX_ANSWER_CHARS);
        }
        switch (r.type()) {
            case "ping" -> {
                if (r.packetLossPercent() != null) {
                    packetLossPercent = r.packetLossPercent();
                }
            }
            case "dns" -> {
                return addDns(r, attempted);
            }
            case "http" -> addHttp(r);
            default -> {
                // tcp, traceroute: only the common families apply (as in the seed, which ignores them)
            }
        }
        return 0;
    }

    private int addDns(CanaryResult r, boolean attempted) {
        String qtype = r.queryType() == null ? UNKNOWN : r.queryType();
        String resolver = r.resolver() == null ? UNKNOWN : r.resolver();
        int refused = 0;
        if (r.latencyMs() != null && attempted) {
            dnsResolveMs = dnsResolveMs == null ? new TreeMap<>() : dnsResolveMs;
            refused += putCapped(dnsResolveMs, qtype, resolver, r.latencyMs());
        }
        if (r.answer() != null) {
            dnsAnswerHash = dnsAnswerHash == null ? new TreeMap<>() : dnsAnswerHash;
            refused += putCapped(dnsAnswerHash, qtype, resolver, answerHash(r.answer()));
            if (!r.answer().isEmpty()) {
                List<String> shown = new ArrayList<>(Math.min(r.answer().size(), MAX_ANSWERS));
                for (String a : r.answer()) {
                    if (shown.size() == MAX_ANSWERS) {
                        break;
                    }
                    shown.add(a == null ? "" : clip(a, MAX_ANSWER_CHARS));
                }
                shown.sort(null);
                dnsAnswers = shown;
            }
        }
        if (r.rcode() != null) {
            dnsRcode = r.rcode();
        }
        return refused;
    }

    /** Puts into a two-level map holding at most {@link #MAX_DNS_KEYS} leaves; returns 1 when refused. */
    private static <V> int putCapped(Map<String, Map<String, V>> map, String outer, String inner, V value) {
        Map<String, V> byInner = map.get(outer);
        if (byInner == null || !byInner.containsKey(inner)) {
            int leaves = 0;
            for (Map<String, V> m : map.values()) {
                leaves += m.size();
            }
            if (leaves >= MAX_DNS_KEYS) {
                return 1;
            }
        }
        map.computeIfAbsent(outer, k -> new TreeMap<>()).put(inner, value);
        return 0;
    }

    private void addHttp(CanaryResult r) {
        if (r.statusCode() != null) {
            httpStatusCode = r.statusCode();
        }
        if (r.responseSizeBytes() != null) {
            httpResponseSizeBytes = r.responseSizeBytes();
        }
        // The seed sets this gauge on every http result: -1 when no expectation was checked.
        httpContentMatch = r.contentMatch() == null ? -1 : (r.contentMatch() ? 1 : 0);
        phase("dns", r.dnsMs());
        phase("connect", r.connectMs());
        phase("tls", r.tlsMs());
        phase("first_byte", r.firstByteMs());
        phase("transfer", r.transferMs());
        phase("total", r.latencyMs());
        if (r.certExpiryTimestampSeconds() != null) {
            certExpiryTimestampSeconds = r.certExpiryTimestampSeconds();
        }
    }

    private void phase(String name, Double ms) {
        if (ms != null) {
            httpPhasesMs = httpPhasesMs == null ? new TreeMap<>() : httpPhasesMs;
            httpPhasesMs.put(name, ms);
        }
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * A stable 32-bit hash (CRC-32, unsigned) of the answers sorted and joined by newlines, so
     * {@code changes()} in PromQL sees an answer change whatever order the resolver returned.
     */
    public static long answerHash(List<String> answers) {
        List<String> sorted = new ArrayList<>(answers.size());
        for (String a : answers) {
            sorted.add(a == null ? "" : a);
        }
        sorted.sort(null);
        CRC32 crc = new CRC32();
        crc.update(String.join("\n", sorted).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}

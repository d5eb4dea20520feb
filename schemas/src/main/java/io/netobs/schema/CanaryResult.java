package io.netobs.schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One probe result on {@link Topics#CANARY_RESULTS}; {@code schemas/canary-result.schema.json}
 * describes the same shape. Every field the seed's canaries send keeps its name and meaning; the
 * others are additive and optional. JSON names are the snake_case of the component names.
 *
 * @param schemaVersion    1 for results written by netobs, null for the seed's
 * @param type             probe type: ping, dns, http, tcp, traceroute
 * @param timestamp        observation time, ISO-8601 (the seed writes Python's isoformat with +00:00)
 * @param latencyMs        dns/http/tcp latency (the seed's field); ping reports {@code rttAvgMs}
 * @param rttsMs           ping: one RTT per packet sent, null for a lost packet
 * @param jitterMs         ping: mean absolute difference of consecutive received RTTs
 * @param answer           dns: answers as sorted strings, as the seed
 * @param contentMatch     http: true/false when an expectation was configured, null otherwise (seed)
 * @param certExpiryTimestampSeconds https: earliest notAfter in the presented chain, Unix seconds
 * @param httpVersion      http: protocol of the final response, "HTTP/1.0", "HTTP/1.1" or "HTTP/2"
 * @param hops             traceroute: the path, one entry per TTL
 */
public record CanaryResult(
        Integer schemaVersion,
        String type,
        String canaryId,
        String target,
        String timestamp,
        Status status,
        String pop,
        Map<String, String> labels,
        Double latencyMs,
        String errorMessage,
        // ping
        Double rttAvgMs,
        Double rttMinMs,
        Double rttMaxMs,
        Double rttStddevMs,
        Double jitterMs,
        Double packetLossPercent,
        Integer packetsSent,
        Integer packetsReceived,
        List<Double> rttsMs,
        // dns
        String queryType,
        String resolver,
        List<String> answer,
        String rcode,
        // http
        Integer statusCode,
        Long responseSizeBytes,
        Boolean contentMatch,
        Integer redirects,
        Double dnsMs,
        Double connectMs,
        Double tlsMs,
        Double firstByteMs,
        Double transferMs,
        String tlsVersion,
        Long certExpiryTimestampSeconds,
        String httpVersion,
        // tcp
        Integer port,
        // traceroute
        List<Hop> hops,
        Boolean destinationReached) implements Validatable {

    public static final int SCHEMA_VERSION = 1;
    /** Most entries accepted in a list or map field (per-packet RTTs, DNS answers, labels). */
    public static final int MAX_LIST = 1024;
    /** Most traceroute hops accepted: the largest TTL is 255. */
    public static final int MAX_HOPS = 255;

    /** One traceroute hop; {@code address} is null when no reply came for that TTL. */
    public record Hop(int ttl, String address, List<Double> rttsMs, Double lossPercent) {
    }

    @Override
    public void validate() {
        Checks.required("type", type);
        Checks.required("canary_id", canaryId);
        Checks.required("target", target);
        if (status == null) {
            throw new InvalidRecordException("missing required field 'status'");
        }
        Checks.label("pop", pop);
        Checks.label("query_type", queryType);
        Checks.label("resolver", resolver);
        Checks.nonNegative("latency_ms", latencyMs);
        Checks.nonNegative("rtt_avg_ms", rttAvgMs);
        // NaN and infinities would poison every sum and sketch they reach; JSON has neither, but a
        // string "NaN" is coerced into a double.
        Double[] numbers = {latencyMs, rttAvgMs, rttMinMs, rttMaxMs, rttStddevMs, jitterMs, packetLossPercent, dnsMs,
            connectMs, tlsMs, firstByteMs, transferMs};
        String[] names = {"latency_ms", "rtt_avg_ms", "rtt_min_ms", "rtt_max_ms", "rtt_stddev_ms", "jitter_ms",
            "packet_loss_percent", "dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "transfer_ms"};
        for (int i = 0; i < numbers.length; i++) {
            Checks.finite(names[i], numbers[i]);
        }
        // Bounded sizes keep every derived state value far below a changelog record's limit.
        Checks.maxSize("labels", labels == null ? null : labels.entrySet(), MAX_LIST);
        if (labels != null) {
            labels.forEach((k, v) -> {
                Checks.label("labels key", k);
                Checks.label("labels." + k, v);
            });
        }
        Checks.maxSize("rtts_ms", rttsMs, MAX_LIST);
        Checks.maxSize("answer", answer, MAX_LIST);
        Checks.maxSize("hops", hops, MAX_HOPS);
        Checks.noNulls("hops", hops);
        Checks.label("rcode", rcode);
        Checks.label("tls_version", tlsVersion);
        if (packetLossPercent != null && (packetLossPercent < 0 || packetLossPercent > 100)) {
            throw new InvalidRecordException("field 'packet_loss_percent' must be within 0..100, was " + packetLossPercent);
        }
    }

    /** The observation time, or empty when the timestamp is absent or not ISO-8601. */
    @JsonIgnore
    public Optional<Instant> observedAt() {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(timestamp));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }

    /**
     * The latency the seed's consumer reads: {@code rtt_avg_ms} first (ping), then
     * {@code latency_ms}.
     */
    @JsonIgnore
    public Double effectiveLatencyMs() {
        return rttAvgMs != null ? rttAvgMs : latencyMs;
    }

    /** A builder, so probes set only the fields they have. */
    public static Builder builder(String type, String canaryId, String target, Instant observedAt, Status status) {
        return new Builder(type, canaryId, target, observedAt, status);
    }

    /** Mutable companion of the record; {@link #build()} validates. */
    public static final class Builder {
        private final String type;
        private final String canaryId;
        private final String target;
        private final String timestamp;
        private Status status;
        private String pop;
        private Map<String, String> labels;
        private Double latencyMs;
        private String errorMessage;
        private Double rttAvgMs, rttMinMs, rttMaxMs, rttStddevMs, jitterMs, packetLossPercent;
        private Integer packetsSent, packetsReceived;
        private List<Double> rttsMs;
        private String queryType, resolver, rcode;
        private List<String> answer;
        private Integer statusCode, redirects, port;
        private Long responseSizeBytes, certExpiryTimestampSeconds;
        private Boolean contentMatch, destinationReached;
        private Double dnsMs, connectMs, tlsMs, firstByteMs, transferMs;
        private String tlsVersion, httpVersion;
        private List<Hop> hops;

        private Builder(String type, String canaryId, String target, Instant observedAt, Status status) {
            this.type = type;
            this.canaryId = canaryId;
            this.target = target;
            this.timestamp = observedAt.toString();
            this.status = status;
        }

        public Builder status(Status v) { this.status = v; return this; }
        public Builder pop(String v) { this.pop = v; return this; }
        public Builder labels(Map<String, String> v) { this.labels = v == null || v.isEmpty() ? null : Map.copyOf(v); return this; }
        public Builder latencyMs(Double v) { this.latencyMs = v; return this; }
        public Builder errorMessage(String v) { this.errorMessage = v; return this; }
        public Builder rttAvgMs(Double v) { this.rttAvgMs = v; return this; }
        public Builder rttMinMs(Double v) { this.rttMinMs = v; return this; }
        public Builder rttMaxMs(Double v) { this.rttMaxMs = v; return this; }
        public Builder rttStddevMs(Double v) { this.rttStddevMs = v; return this; }
        public Builder jitterMs(Double v) { this.jitterMs = v; return this; }
        public Builder packetLossPercent(Double v) { this.packetLossPercent = v; return this; }
        public Builder packetsSent(Integer v) { this.packetsSent = v; return this; }
        public Builder packetsReceived(Integer v) { this.packetsReceived = v; return this; }
        public Builder rttsMs(List<Double> v) { this.rttsMs = v; return this; }
        public Builder queryType(String v) { this.queryType = v; return this; }
        public Builder resolver(String v) { this.resolver = v; return this; }
        public Builder answer(List<String> v) { this.answer = v; return this; }
        public Builder rcode(String v) { this.rcode = v; return this; }
        public Builder statusCode(Integer v) { this.statusCode = v; return this; }
        public Builder responseSizeBytes(Long v) { this.responseSizeBytes = v; return this; }
        public Builder contentMatch(Boolean v) { this.contentMatch = v; return this; }
        public Builder redirects(Integer v) { this.redirects = v; return this; }
        public Builder dnsMs(Double v) { this.dnsMs = v; return this; }
        public Builder connectMs(Double v) { this.connectMs = v; return this; }
        public Builder tlsMs(Double v) { this.tlsMs = v; return this; }
        public Builder firstByteMs(Double v) { this.firstByteMs = v; return this; }
        public Builder transferMs(Double v) { this.transferMs = v; return this; }
        public Builder tlsVersion(String v) { this.tlsVersion = v; return this; }
        public Builder certExpiryTimestampSeconds(Long v) { this.certExpiryTimestampSeconds = v; return this; }
        public Builder httpVersion(String v) { this.httpVersion = v; return this; }
        public Builder port(Integer v) { this.port = v; return this; }
        public Builder hops(List<Hop> v) { this.hops = v; return this; }
        public Builder destinationReached(Boolean v) { this.destinationReached = v; return this; }

        public CanaryResult build() {
            var r = new CanaryResult(SCHEMA_VERSION, type, canaryId, target, timestamp, status, pop, labels,
                    latencyMs, errorMessage, rttAvgMs, rttMinMs, rttMaxMs, rttStddevMs, jitterMs, packetLossPercent,
                    packetsSent, packetsReceived, rttsMs, queryType, resolver, answer, rcode, statusCode,
                    responseSizeBytes, contentMatch, redirects, dnsMs, connectMs, tlsMs, firstByteMs, transferMs,
                    tlsVersion, certExpiryTimestampSeconds, httpVersion, port, hops, destinationReached);
            r.validate();
            return r;
        }
    }
}

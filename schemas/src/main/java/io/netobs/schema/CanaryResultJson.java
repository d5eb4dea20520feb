package io.netobs.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast decoder of a {@link CanaryResult}: one pass over the bytes, no tree, no reflection, for
 * the shapes agents and the seed write (every value of its field's JSON type). It returns null for
 * any document it does not read plainly (a number given as text, non-ASCII or \\u escapes, nested
 * unknown fields, a repeated field, anything malformed), and {@link JsonSerde} then decodes it with
 * Jackson: what is accepted, the values and every error are Jackson's. Validation runs after either.
 */
final class CanaryResultJson {
    private static final int MAX = Json.MAX_STRING_CHARS;
    /** Jackson's default longest field name (StreamReadConstraints): longer ones are its to refuse. */
    private static final int NAME_MAX = 50_000;

    /** The known field names, numbered for the repeated-field check. */
    private static final Map<String, Integer> FIELDS = fields("schema_version", "type", "canary_id", "target",
            "timestamp", "status", "pop", "labels", "latency_ms", "error_message", "rtt_avg_ms", "rtt_min_ms", "rtt_max_ms",
            "rtt_stddev_ms", "jitter_ms", "packet_loss_percent", "packets_sent", "packets_received", "rtts_ms",
            "query_type", "resolver", "answer", "rcode", "status_code", "response_size_bytes", "content_match",
            "redirects", "dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "transfer_ms", "tls_version",
            "cert_expiry_timestamp_seconds", "http_version", "port", "hops", "destination_reached");

    private CanaryResultJson() {
    }

    private static Map<String, Integer> fields(String... names) {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], i);
        }
        return Map.copyOf(m);
    }

    /** The result, or null when the general decoder must read this document. */
    static CanaryResult read(byte[] json) {
        try {
            return parse(new FastJson(json));
        } catch (FastJson.NotFast | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static CanaryResult parse(FastJson in) {
        Integer schemaVersion = null;
        String type = null, canaryId = null, target = null, timestamp = null, pop = null, errorMessage = null;
        Status status = null;
        Map<String, String> labels = null;
        Double latencyMs = null, rttAvgMs = null, rttMinMs = null, rttMaxMs = null, rttStddevMs = null, jitterMs = null;
        Double packetLossPercent = null, dnsMs = null, connectMs = null, tlsMs = null, firstByteMs = null;
        Double transferMs = null;
        Integer packetsSent = null, packetsReceived = null, statusCode = null, redirects = null, port = null;
        List<Double> rttsMs = null;
        String queryType = null, resolver = null, rcode = null, tlsVersion = null, httpVersion = null;
        List<String> answer = null;
        Long responseSizeBytes = null, certExpiry = null;
        Boolean contentMatch = null, destinationReached = null;
        List<CanaryResult.Hop> hops = null;
        long seen = 0; // one bit per known field: a repeated field goes to the general decoder
        java.util.Set<String> unknown = null;

        in.expect('{');
        if (!in.accept('}')) {
            do {
                String name = in.string(NAME_MAX);
                in.expect(':');
                int field = FIELDS.getOrDefault(name, -1);
                if (field >= 0) {
                    if ((seen & (1L << field)) != 0) {
                        throw FastJson.notFast();
                    }
                    seen |= 1L << field;
                } else {
                    unknown = unknown == null ? new java.util.HashSet<>() : unknown;
                    if (!unknown.add(name)) {
                        throw FastJson.notFast();
                    }
                }
                switch (name) {
                    case "schema_version" -> schemaVersion = integer(in);
                    case "type" -> type = string(in);
                    case "canary_id" -> canaryId = string(in);
                    case "target" -> target = string(in);
                    case "timestamp" -> timestamp = string(in);
                    case "status" -> status = status(in);
                    case "pop" -> pop = string(in);
                    case "labels" -> labels = labels(in);
                    case "latency_ms" -> latencyMs = dbl(in);
                    case "error_message" -> errorMessage = string(in);
                    case "rtt_avg_ms" -> rttAvgMs = dbl(in);
                    case "rtt_min_ms" -> rttMinMs = dbl(in);
                    case "rtt_max_ms" -> rttMaxMs = dbl(in);
                    case "rtt_stddev_ms" -> rttStddevMs = dbl(in);
                    case "jitter_ms" -> jitterMs = dbl(in);
                    case "packet_loss_percent" -> packetLossPercent = dbl(in);
                    case "packets_sent" -> packetsSent = integer(in);
                    case "packets_received" -> packetsReceived = integer(in);
                    case "rtts_ms" -> rttsMs = doubles(in);
                    case "query_type" -> queryType = string(in);
                    case "resolver" -> resolver = string(in);
                    case "answer" -> answer = strings(in);
                    case "rcode" -> rcode = string(in);
                    case "status_code" -> statusCode = integer(in);
                    case "response_size_bytes" -> responseSizeBytes = lng(in);
                    case "content_match" -> contentMatch = bool(in);
                    case "redirects" -> redirects = integer(in);
                    case "dns_ms" -> dnsMs = dbl(in);
                    case "connect_ms" -> connectMs = dbl(in);
                    case "tls_ms" -> tlsMs = dbl(in);
                    case "first_byte_ms" -> firstByteMs = dbl(in);
                    case "transfer_ms" -> transferMs = dbl(in);
                    case "tls_version" -> tlsVersion = string(in);
                    case "cert_expiry_timestamp_seconds" -> certExpiry = lng(in);
                    case "http_version" -> httpVersion = string(in);
                    case "port" -> port = integer(in);
                    case "hops" -> hops = hops(in);
                    case "destination_reached" -> destinationReached = bool(in);
                    default -> in.skipScalar();
                }
            } while (in.accept(','));
            in.expect('}');
        }
        in.end();
        return new CanaryResult(schemaVersion, type, canaryId, target, timestamp, status, pop, labels, latencyMs,
                errorMessage, rttAvgMs, rttMinMs, rttMaxMs, rttStddevMs, jitterMs, packetLossPercent, packetsSent,
                packetsReceived, rttsMs, queryType, resolver, answer, rcode, statusCode, responseSizeBytes,
                contentMatch, redirects, dnsMs, connectMs, tlsMs, firstByteMs, transferMs, tlsVersion, certExpiry,
                httpVersion, port, hops, destinationReached);
    }

    private static String string(FastJson in) {
        return in.stringOrNull(MAX);
    }

    private static Double dbl(FastJson in) {
        if (in.nextIsNull()) {
            return null;
        }
        int c = in.peek();
        if (c != '-' && (c < '0' || c > '9')) {
            throw FastJson.notFast();
        }
        return in.number();
    }

    private static Long lng(FastJson in) {
        return in.nextIsNull() ? null : in.integer();
    }

    private static Integer integer(FastJson in) {
        if (in.nextIsNull()) {
            return null;
        }
        long v = in.integer();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw FastJson.notFast();
        }
        return (int) v;
    }

    private static Boolean bool(FastJson in) {
        return in.nextIsNull() ? null : in.bool();
    }

    private static Status status(FastJson in) {
        if (in.nextIsNull()) {
            return null;
        }
        String s = in.string(MAX);
        for (Status st : Status.values()) {
            if (st.name().equals(s)) {
                return st;
            }
        }
        throw FastJson.notFast(); // lower case, unknown: the creator decides
    }

    private static Map<String, String> labels(FastJson in) {
        if (in.nextIsNull()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        in.expect('{');
        if (!in.accept('}')) {
            do {
                String k = in.string(NAME_MAX);
                in.expect(':');
                if (out.containsKey(k)) {
                    throw FastJson.notFast();
                }
                out.put(k, string(in));
            } while (in.accept(','));
            in.expect('}');
        }
        return out;
    }

    private static List<Double> doubles(FastJson in) {
        return in.array(CanaryResultJson::dbl);
    }

    private static List<String> strings(FastJson in) {
        return in.array(CanaryResultJson::string);
    }

    private static List<CanaryResult.Hop> hops(FastJson in) {
        return in.array(e -> e.nextIsNull() ? null : hop(e));
    }

    private static CanaryResult.Hop hop(FastJson in) {
        Integer ttl = null;
        String address = null;
        List<Double> rtts = null;
        Double loss = null;
        java.util.Set<String> seen = new java.util.HashSet<>();
        in.expect('{');
        if (!in.accept('}')) {
            do {
                String name = in.string(NAME_MAX);
                if (!seen.add(name)) {
                    throw FastJson.notFast();
                }
                in.expect(':');
                switch (name) {
                    case "ttl" -> ttl = integer(in);
                    case "address" -> address = string(in);
                    case "rtts_ms" -> rtts = doubles(in);
                    case "loss_percent" -> loss = dbl(in);
                    default -> in.skipScalar();
                }
            } while (in.accept(','));
            in.expect('}');
        }
        if (ttl == null) {
            throw FastJson.notFast(); // a primitive left out or null: Jackson's defaulting decides
        }
        return new CanaryResult.Hop(ttl, address, rtts, loss);
    }
}

package io.netobs.streams.canary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Canary results exactly as the seed's Python canaries serialize them: json.dumps of the message
 * dict (", " and ": " separators, None as null, key order as in the seed), the timestamp from
 * datetime.now(timezone.utc).isoformat().
 */
public final class Results {
    private static final DateTimeFormatter PY_ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    private Results() {
    }

    public static String iso(Instant at) {
        return PY_ISO.format(at);
    }

    static String num(Double v) {
        return v == null ? "null" : v.toString();
    }

    static String str(String v) {
        return v == null ? "null" : "\"" + v + "\"";
    }

    /** ping_canary.py: type, canary_id, target, timestamp, status, rtt_avg_ms, packet_loss_percent, error_message. */
    public static String ping(String canary, String target, String status, Double rttAvgMs, Double lossPercent, Instant at) {
        return ping(canary, target, status, rttAvgMs, lossPercent, null, at);
    }

    public static String ping(String canary, String target, String status, Double rttAvgMs, Double lossPercent,
            String error, Instant at) {
        return "{\"type\": \"ping\", \"canary_id\": " + str(canary) + ", \"target\": " + str(target)
                + ", \"timestamp\": \"" + iso(at) + "\", \"status\": " + str(status)
                + ", \"rtt_avg_ms\": " + num(rttAvgMs) + ", \"packet_loss_percent\": " + num(lossPercent)
                + ", \"error_message\": " + str(error) + "}";
    }

    /** dns_canary.py: answer is a sorted list of strings or null; resolver 'System Default' when unset. */
    public static String dns(String canary, String target, String status, Double latencyMs, String queryType,
            String resolver, String answerJson, String error, Instant at) {
        return "{\"type\": \"dns\", \"canary_id\": " + str(canary) + ", \"target\": " + str(target)
                + ", \"timestamp\": \"" + iso(at) + "\", \"status\": " + str(status)
                + ", \"latency_ms\": " + num(latencyMs) + ", \"query_type\": " + str(queryType)
                + ", \"resolver\": " + str(resolver) + ", \"answer\": " + answerJson
                + ", \"error_message\": " + str(error) + "}";
    }

    /** http_canary.py: content_match true/false when EXPECTED_STRING is set, null otherwise. */
    public static String http(String canary, String target, String status, Double latencyMs, Integer statusCode,
            Long size, Boolean contentMatch, String error, Instant at) {
        return "{\"type\": \"http\", \"canary_id\": " + str(canary) + ", \"target\": " + str(target)
                + ", \"timestamp\": \"" + iso(at) + "\", \"status\": " + str(status)
                + ", \"latency_ms\": " + num(latencyMs)
                + ", \"status_code\": " + (statusCode == null ? "null" : statusCode)
                + ", \"response_size_bytes\": " + (size == null ? "null" : size)
                + ", \"content_match\": " + (contentMatch == null ? "null" : contentMatch)
                + ", \"error_message\": " + str(error) + "}";
    }
}

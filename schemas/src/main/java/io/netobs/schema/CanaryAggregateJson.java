package io.netobs.schema;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a {@link CanaryAggregate} as exactly the bytes the shared Jackson mapper writes (snake_case
 * names in record order, nulls left out, numbers as Java prints them), without reflection or a
 * generator per record: every closed window is published, often as many as there are results.
 */
final class CanaryAggregateJson {
    private CanaryAggregateJson() {
    }

    static byte[] write(CanaryAggregate a) {
        StringBuilder sb = new StringBuilder(320);
        sb.append('{');
        boolean[] first = {true};
        if (a.schemaVersion() != null) {
            field(sb, first, "schema_version").append(a.schemaVersion());
        }
        str(sb, first, "target", a.target());
        str(sb, first, "type", a.type());
        str(sb, first, "canary_id", a.canaryId());
        field(sb, first, "window_start_ms").append(a.windowStartMs());
        field(sb, first, "window_end_ms").append(a.windowEndMs());
        field(sb, first, "count").append(a.count());
        if (a.statusCounts() != null) {
            field(sb, first, "status_counts").append('{');
            boolean firstEntry = true;
            for (Map.Entry<String, Long> e : a.statusCounts().entrySet()) {
                if (!firstEntry) {
                    sb.append(',');
                }
                firstEntry = false;
                quoted(sb, e.getKey()).append(':');
                if (e.getValue() == null) {
                    sb.append("null");
                } else {
                    sb.append(e.getValue().longValue());
                }
            }
            sb.append('}');
        }
        dbl(field(sb, first, "availability"), a.availability());
        field(sb, first, "latency_count").append(a.latencyCount());
        optDbl(sb, first, "latency_min_ms", a.latencyMinMs());
        optDbl(sb, first, "latency_max_ms", a.latencyMaxMs());
        optDbl(sb, first, "latency_mean_ms", a.latencyMeanMs());
        optDbl(sb, first, "latency_p50_ms", a.latencyP50Ms());
        optDbl(sb, first, "latency_p90_ms", a.latencyP90Ms());
        optDbl(sb, first, "latency_p99_ms", a.latencyP99Ms());
        optDbl(sb, first, "packet_loss_mean_percent", a.packetLossMeanPercent());
        optDbl(sb, first, "jitter_ms", a.jitterMs());
        sb.append('}');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder field(StringBuilder sb, boolean[] first, String name) {
        if (!first[0]) {
            sb.append(',');
        }
        first[0] = false;
        return sb.append('"').append(name).append("\":");
    }

    private static void str(StringBuilder sb, boolean[] first, String name, String value) {
        if (value != null) {
            quoted(field(sb, first, name), value);
        }
    }

    private static void optDbl(StringBuilder sb, boolean[] first, String name, Double value) {
        if (value != null) {
            dbl(field(sb, first, name), value);
        }
    }

    /** As Jackson: the shortest decimal Java prints; the non-finite as quoted text. */
    private static void dbl(StringBuilder sb, double v) {
        if (Double.isFinite(v)) {
            sb.append(v);
        } else {
            sb.append('"').append(v).append('"');
        }
    }

    /** As Jackson's default escaping: quote, backslash and control characters; everything else as is. */
    private static StringBuilder quoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}

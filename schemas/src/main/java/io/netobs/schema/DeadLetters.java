package io.netobs.schema;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * Header names carried by every record on {@link Topics#DEAD_LETTERS}. The value and key are the
 * original bytes, untouched, so a fixed consumer can replay them.
 */
public final class DeadLetters {
    public static final String SOURCE_TOPIC = "netobs.dlq.source.topic";
    public static final String SOURCE_PARTITION = "netobs.dlq.source.partition";
    public static final String SOURCE_OFFSET = "netobs.dlq.source.offset";
    public static final String REASON = "netobs.dlq.reason";
    /** Which component rejected the record (streams-app, bgp-ingest). */
    public static final String REJECTED_BY = "netobs.dlq.rejected.by";
    /** Present when the value was cut to fit a record: the original value's length in bytes. */
    public static final String VALUE_TRUNCATED_FROM = "netobs.dlq.value.truncated.from";
    /** Present when the key was cut: the original key's length in bytes. */
    public static final String KEY_TRUNCATED_FROM = "netobs.dlq.key.truncated.from";

    /** Reasons are clipped so one pathological record cannot make a huge header. */
    public static final int MAX_REASON_CHARS = 1000;

    private DeadLetters() {
    }

    public static void write(Headers headers, String topic, int partition, long offset, String reason, String rejectedBy) {
        headers.add(SOURCE_TOPIC, bytes(topic));
        headers.add(SOURCE_PARTITION, bytes(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, bytes(Long.toString(offset)));
        headers.add(REASON, bytes(clip(reason)));
        headers.add(REJECTED_BY, bytes(rejectedBy));
    }

    public static String clip(String reason) {
        if (reason == null) {
            return "unknown";
        }
        return reason.length() <= MAX_REASON_CHARS ? reason : reason.substring(0, MAX_REASON_CHARS) + "...";
    }

    /** The header's value as text, or null when absent. */
    public static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}

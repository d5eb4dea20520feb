package io.netobs.streams.errors;

import io.netobs.schema.DeadLetters;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Builds the record sent to {@link Topics#DEAD_LETTERS} for a refused input record: its original key
 * and value bytes, and headers naming source topic, partition, offset and the reason. The dead letter
 * itself must never be refused by the broker, or the refusal would fail the task that tried to put
 * the record aside: its timestamp is the original one unless that lies beyond the wall clock (the
 * broker refuses far-future timestamps), and a value too big for a record is cut, saying so.
 */
public final class DeadLetterRecords {
    /** Name written in the header {@link DeadLetters#REJECTED_BY}. */
    public static final String COMPONENT = "streams-app";
    /** Beyond this a value is cut: the default max.message.bytes is 1 MiB, headers need some room. */
    static final int MAX_VALUE_BYTES = 1000 * 1000 - 16 * 1024;
    static final int MAX_KEY_BYTES = 16 * 1024;

    private DeadLetterRecords() {
    }

    public static ProducerRecord<byte[], byte[]> of(String topic, int partition, long offset, long timestamp,
                                                    byte[] key, byte[] value, String reason, String message,
                                                    long nowMs) {
        long ts = timestamp < 0 || timestamp > nowMs ? nowMs : timestamp;
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTERS, null, ts,
                clip(key, MAX_KEY_BYTES), clip(value, MAX_VALUE_BYTES));
        DeadLetters.write(dead.headers(), topic, partition, offset, reason + ": " + message, COMPONENT);
        if (value != null && value.length > MAX_VALUE_BYTES) {
            dead.headers().add(DeadLetters.VALUE_TRUNCATED_FROM,
                    Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
        }
        if (key != null && key.length > MAX_KEY_BYTES) {
            dead.headers().add(DeadLetters.KEY_TRUNCATED_FROM,
                    Integer.toString(key.length).getBytes(StandardCharsets.UTF_8));
        }
        return dead;
    }

    private static byte[] clip(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }
}

package io.netobs.streams;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * The record timestamp, bounded by the wall clock. Stores' changelog records carry the timestamp of
 * the input record being processed, and the broker refuses a timestamp too far ahead of its clock
 * ({@code message.timestamp.after.max.ms}): one record stamped by a host with a wrong clock would
 * then fail every changelog write of its task, on every retry. A timestamp more than {@code skew}
 * ahead is replaced by the wall clock; a missing one by partition time. Event time itself is the
 * payload's own timestamp, judged by the decode processors.
 */
public final class BoundedTimestampExtractor implements TimestampExtractor {
    private final long skewMs;

    public BoundedTimestampExtractor() {
        this(Duration.ofMinutes(5));
    }

    public BoundedTimestampExtractor(Duration skew) {
        this.skewMs = skew.toMillis();
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long now = System.currentTimeMillis();
        long ts = record.timestamp();
        if (ts < 0) {
            return partitionTime >= 0 ? Math.min(partitionTime, now) : now;
        }
        return ts > now + skewMs ? now : ts;
    }
}

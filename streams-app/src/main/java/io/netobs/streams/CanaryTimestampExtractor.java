package io.netobs.streams;

import io.netobs.schema.CanaryResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the result's own {@code timestamp}, when the agent wrote not the broker: windows
 * then hold what was observed in them, however late it was delivered. A result without a usable
 * timestamp falls back to the record's timestamp, then to partition time; it never throws and never
 * returns a negative time (which would make Streams drop the record).
 */
public final class CanaryTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof CanaryResult r) {
            long fast = r.timestamp() == null ? IsoTimestamps.NOT_FAST : IsoTimestamps.epochMillis(r.timestamp());
            if (fast != IsoTimestamps.NOT_FAST) {
                return fast;
            }
            var observed = r.observedAt();
            if (observed.isPresent() && observed.get().toEpochMilli() >= 0) {
                return observed.get().toEpochMilli();
            }
        }
        if (record.timestamp() >= 0) {
            return record.timestamp();
        }
        return Math.max(partitionTime, 0L);
    }
}

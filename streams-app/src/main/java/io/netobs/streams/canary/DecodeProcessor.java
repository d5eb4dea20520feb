package io.netobs.streams.canary;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The only place a canary result's JSON is parsed: bytes in, a validated {@link Observation} out.
 * A record that cannot be used is counted (in the task's changelogged counters, so the count survives
 * restarts) and refused with an {@link InvalidRecordException} naming the reason; the processing
 * exception handler then puts its original bytes on the dead-letter topic. Refused here:
 * <ul>
 *   <li>an empty value, or one larger than {@code NETOBS_MAX_RECORD_BYTES} (so nothing derived from a
 *       record can outgrow a changelog or repartition record);</li>
 *   <li>anything that is not a result of the schema (not JSON, wrong types, missing fields, values out
 *       of range, control characters in a label);</li>
 *   <li>a result observed more than {@code NETOBS_MAX_CLOCK_SKEW} ahead of this instance's clock: its
 *       time cannot be right, and admitting it would move stream time and make every later result of
 *       the partition late.</li>
 * </ul>
 */
final class DecodeProcessor implements FixedKeyProcessor<String, byte[], Observation> {
    private final long maxSkewMs;
    private final Duration maxSkew;
    private final int maxRecordBytes;
    private FixedKeyProcessorContext<String, Observation> context;
    private Counters counters;

    private final UnkeyedInput unkeyed;

    DecodeProcessor(AppConfig cfg, UnkeyedInput unkeyed) {
        this.unkeyed = unkeyed;
        this.maxSkew = cfg.maxClockSkew();
        this.maxSkewMs = cfg.maxClockSkew().toMillis();
        this.maxRecordBytes = cfg.maxRecordBytes();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Observation> context) {
        this.context = context;
        this.counters = new Counters(context.getStateStore(CanaryNames.STORE_COUNTERS));
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        Observation o;
        try {
            // This task reads partition p of canary-results, p being the task's partition.
            o = decode(record.value(), record.timestamp(), context.taskId().partition());
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.CANARY_RESULTS);
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
        if (!o.result().target().equals(record.key())) {
            unkeyed.saw(); // goes through the repartition topic
        }
        context.forward(record.withValue(o));
    }

    private Observation decode(byte[] value, long recordTimestamp, int partition) {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(Reasons.EMPTY, "empty value: a canary result cannot be a tombstone");
        }
        if (value.length > maxRecordBytes) {
            throw new InvalidRecordException(Reasons.TOO_LARGE, "a record of " + value.length
                    + " bytes, more than NETOBS_MAX_RECORD_BYTES=" + maxRecordBytes);
        }
        CanaryResult r = PayloadSerdes.CANARY_RESULT.deserialize(Topics.CANARY_RESULTS, value);
        long t = eventTime(r, recordTimestamp);
        long wall = context.currentSystemTimeMs();
        if (t > wall + maxSkewMs) {
            throw new InvalidRecordException(Reasons.TIMESTAMP_IN_FUTURE, "observed at " + r.timestamp()
                    + ", more than NETOBS_MAX_CLOCK_SKEW=" + maxSkew + " ahead of this instance's clock ("
                    + Instant.ofEpochMilli(wall) + ")");
        }
        return new Observation(r, t, partition);
    }

    /** The result's own timestamp; the record's when the result has none that parses. */
    static long eventTime(CanaryResult r, long recordTimestamp) {
        if (r.timestamp() != null) {
            long fast = IsoTimestamps.epochMillis(r.timestamp());
            if (fast != IsoTimestamps.NOT_FAST) {
                return fast;
            }
            var observed = r.observedAt();
            if (observed.isPresent()) {
                try {
                    return observed.get().toEpochMilli();
                } catch (ArithmeticException e) {
                    throw new InvalidRecordException("timestamp " + r.timestamp() + " is out of range");
                }
            }
        }
        return recordTimestamp;
    }
}

package io.netobs.streams.errors;

import io.netobs.schema.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Routes a record whose bytes the source's serde cannot read to {@link Topics#DEAD_LETTERS} and goes
 * on. The input topics are read as bytes and parsed by the topology's decode processors (which count
 * what they refuse), so this only sees a repartition record the application wrote itself and cannot
 * read back: a defect, or a store format from a newer version.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    private final RateLimitedLog log = new RateLimitedLog(DeadLetterHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = Reasons.of(exception);
        log.warn("dead letter from {}-{}@{}: {}: {}", record.topic(), record.partition(), record.offset(), reason,
                exception.getMessage());
        return Response.resume(List.of(DeadLetterRecords.of(record.topic(), record.partition(), record.offset(),
                record.timestamp(), record.key(), record.value(), reason, exception.getMessage(),
                System.currentTimeMillis())));
    }
}

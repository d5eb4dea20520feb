package io.netobs.streams;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netobs.schema.DeadLetters;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes every record of any input topic (canary-results, bgp-updates) that cannot be deserialized
 * or validated to {@link Topics#DEAD_LETTERS}: the original key and value bytes untouched, plus
 * {@link DeadLetters} headers naming source topic, partition, offset and the reason. Processing
 * continues. Streams sends the dead letter itself, inside the task's transaction under
 * exactly-once, so a record is either processed or dead-lettered, never both nor neither.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private DeadLetterCounts counts = new DeadLetterCounts();

    @Override
    public void configure(Map<String, ?> configs) {
        if (configs.get(Names.CONFIG_DEAD_LETTER_COUNTS) instanceof DeadLetterCounts shared) {
            counts = shared;
        } else {
            LOG.warn("no shared {} in the Streams config: dead letters are counted but not exported",
                    Names.CONFIG_DEAD_LETTER_COUNTS);
        }
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = reasonClass(exception);
        counts.increment(record.topic(), reason);
        LOG.warn("dead letter from {}-{}@{}: {}: {}", record.topic(), record.partition(), record.offset(),
                reason, exception.getMessage());
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(Topics.DEAD_LETTERS, null,
                record.timestamp() >= 0 ? record.timestamp() : null, record.key(), record.value());
        DeadLetters.write(dead.headers(), record.topic(), record.partition(), record.offset(),
                reason + ": " + exception.getMessage(), Names.COMPONENT);
        return Response.resume(List.of(dead));
    }

    /** A short fixed class for the metric label; the header carries the full message too. */
    static String reasonClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return "too_large";
            }
            if (t instanceof JsonParseException) {
                return "not_json";
            }
            if (t instanceof MismatchedInputException) {
                return "wrong_type";
            }
        }
        if (e instanceof InvalidRecordException) {
            return e.getMessage() != null && e.getMessage().startsWith("empty value") ? "empty" : "invalid_schema";
        }
        return "undecodable";
    }
}

package io.netobs.streams.errors;

import io.netobs.schema.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * No single record stops the application: whatever a processor throws for a record (a refusal by a
 * decode processor, or a defect anywhere), the record's original bytes go to
 * {@link Topics#DEAD_LETTERS} with its source topic, partition and offset and the reason, inside the
 * task's transaction, and processing goes on. The processors count what they refuse in their
 * changelogged counter stores before throwing, so the counts survive restarts and match the dead
 * letters exactly.
 */
public final class ProcessingHandler implements ProcessingExceptionHandler {
    private final RateLimitedLog log = new RateLimitedLog(ProcessingHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String reason = Reasons.of(exception);
        if (context.topic() == null) {
            // A punctuation failed: there is no input record to put aside.
            log.error("punctuation of task {} failed at {}: {}", context.taskId(), context.processorNodeId(),
                    String.valueOf(exception));
            return Response.resume();
        }
        if (Reasons.PROCESSING_ERROR.equals(reason)) {
            log.error("processor " + context.processorNodeId() + " failed on " + context.topic() + "-"
                    + context.partition() + "@" + context.offset() + "; record sent to " + Topics.DEAD_LETTERS,
                    exception);
        } else {
            log.warn("dead letter from {}-{}@{}: {}: {}", context.topic(), context.partition(), context.offset(),
                    reason, exception.getMessage());
        }
        return Response.resume(List.of(DeadLetterRecords.of(context.topic(), context.partition(), context.offset(),
                context.timestamp(), context.sourceRawKey(), context.sourceRawValue(), reason,
                exception.getMessage(), System.currentTimeMillis())));
    }
}

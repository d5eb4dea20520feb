package io.netobs.streams;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Explicit policy for records the app fails to write. An aggregate too large for the broker
 * (thousands of canaries on one target) is logged and skipped: retrying cannot help and stopping
 * would block every other target. Anything else, including a serialization bug, fails the task so
 * the uncaught-exception handler decides and /health turns 503 rather than data going missing.
 */
public final class ProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProductionHandler.class);

    @Override
    public void configure(java.util.Map<String, ?> configs) {
        // No settings.
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            LOG.error("skipping a record too large for topic {} ({} bytes): {}", record.topic(),
                    record.value() == null ? 0 : record.value().length, exception.getMessage());
            return Response.resume();
        }
        LOG.error("cannot write to {}: failing the task", record.topic(), exception);
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface declares the raw type
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        LOG.error("cannot serialize the {} of a record for {}: failing the task", origin, record.topic(), exception);
        return Response.fail();
    }
}

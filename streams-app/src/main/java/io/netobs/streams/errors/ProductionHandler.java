package io.netobs.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes never fail silently. Skipping a changelog or repartition write would leave a store and its
 * changelog different, or lose a record between two tasks, so every failed write fails the task: the
 * uncaught-exception handler then stops the client and the process exits for its supervisor. No
 * input can cause such a failure: the decode processors refuse, with a reason, anything whose state or
 * output could outgrow a record (see the README's Reliability section); what remains is the broker
 * refusing the application itself (authorisation, a topic deleted), which retrying cannot mend.
 */
public final class ProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProductionHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // No settings.
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        LOG.error("cannot write a record of {} bytes to {}: failing the task", record.value() == null ? 0
                : record.value().length, record.topic(), exception);
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

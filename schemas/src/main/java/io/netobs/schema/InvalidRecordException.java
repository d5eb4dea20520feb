package io.netobs.schema;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload that is JSON but breaks the schema. It is a {@link SerializationException} so the
 * Kafka deserialization handlers see it like any other undecodable record.
 */
public class InvalidRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}

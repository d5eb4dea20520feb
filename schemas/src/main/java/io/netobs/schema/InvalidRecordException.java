package io.netobs.schema;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload that is JSON but breaks the schema, or a record refused before processing. It is a
 * {@link SerializationException} so the Kafka deserialization handlers see it like any other
 * undecodable record. {@link #reason()} is the short, fixed class of the refusal (a metric label and
 * the first word of the dead letter's reason header); the message says what exactly was wrong.
 */
public class InvalidRecordException extends SerializationException {
    private static final long serialVersionUID = 1L;
    /** The default class: JSON of the right shape whose values break the schema. */
    public static final String INVALID_SCHEMA = "invalid_schema";

    private final String reason;

    public InvalidRecordException(String message) {
        this(INVALID_SCHEMA, message);
    }

    public InvalidRecordException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
        this.reason = INVALID_SCHEMA;
    }

    public String reason() {
        return reason;
    }
}

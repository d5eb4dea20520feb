package io.netobs.streams.errors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.netobs.schema.InvalidRecordException;
import java.util.List;

/**
 * The fixed classes of a dead letter's reason: the {@code reason} label of
 * {@code netobs_dead_letters_total} and the first word of the dead letter's reason header. All are
 * known in advance, so each is exported from 0.
 */
public final class Reasons {
    public static final String EMPTY = "empty";
    public static final String NOT_JSON = "not_json";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String INVALID_SCHEMA = InvalidRecordException.INVALID_SCHEMA;
    public static final String TOO_LARGE = "too_large";
    public static final String TIMESTAMP_IN_FUTURE = "timestamp_in_future";
    /** Anything else a processor threw: a defect, but one record must not stop the application. */
    public static final String PROCESSING_ERROR = "processing_error";

    public static final List<String> ALL = List.of(EMPTY, NOT_JSON, WRONG_TYPE, INVALID_SCHEMA, TOO_LARGE,
            TIMESTAMP_IN_FUTURE, PROCESSING_ERROR);

    private Reasons() {
    }

    /** The class of an exception thrown while decoding, validating or processing a record. */
    public static String of(Throwable e) {
        if (e instanceof InvalidRecordException ire) {
            return ire.reason();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return TOO_LARGE;
            }
            if (t instanceof JsonParseException) {
                return NOT_JSON;
            }
            // A number too big for its field (2^64 in an int field) is the input's fault, not a defect.
            if (t instanceof MismatchedInputException || t instanceof InputCoercionException) {
                return WRONG_TYPE;
            }
            if (t instanceof InvalidRecordException ire) {
                return ire.reason();
            }
        }
        return PROCESSING_ERROR;
    }
}

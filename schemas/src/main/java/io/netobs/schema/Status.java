package io.netobs.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** Outcome of one probe, exactly the seed's four values. */
public enum Status {
    SUCCESS, FAILURE, TIMEOUT, ERROR;

    /** The seed's consumer upper-cases the status before counting it, so "success" is accepted too. */
    @JsonCreator
    public static Status parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("unknown status '" + Checks.preview(text) + "'");
        }
    }
}

package io.netobs.schema;

/** Small validation helpers shared by the payload records. */
final class Checks {
    /** Longest accepted value of a field that becomes a Prometheus label (target, canary id, ...). */
    static final int MAX_LABEL_CHARS = 1024;

    private Checks() {
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRecordException("missing required field '" + field + "'");
        }
        return label(field, value);
    }

    static String label(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_LABEL_CHARS) {
            throw new InvalidRecordException("field '" + field + "' is " + value.length()
                    + " characters long, more than " + MAX_LABEL_CHARS);
        }
        // Control characters have no place in a name or address, and U+001F separates the parts of
        // the streams app's store keys.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidRecordException("field '" + field + "' contains the control character U+"
                        + String.format("%04X", (int) c));
            }
        }
        return value;
    }

    static void nonNegative(String field, Number value) {
        if (value != null && (value.doubleValue() < 0 || Double.isNaN(value.doubleValue()))) {
            throw new InvalidRecordException("field '" + field + "' must be >= 0, was " + value);
        }
    }

    static void finite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new InvalidRecordException("field '" + field + "' must be a finite number, was " + value);
        }
    }

    /** A list field whose elements must all be present (a null inside would stop a processor later). */
    static void noNulls(String field, java.util.List<?> values) {
        if (values == null) {
            return;
        }
        // Not contains(null): immutable lists throw on a null argument.
        for (Object v : values) {
            if (v == null) {
                throw new InvalidRecordException("field '" + field + "' contains null");
            }
        }
    }

    static void maxSize(String field, java.util.Collection<?> values, int max) {
        if (values != null && values.size() > max) {
            throw new InvalidRecordException("field '" + field + "' has " + values.size() + " entries, more than " + max);
        }
    }

    /** An AS number: 0 .. 2^32 - 1. */
    static void asn(String field, Long value) {
        if (value != null && (value < 0 || value > 0xFFFF_FFFFL)) {
            throw new InvalidRecordException("field '" + field + "' is not an AS number: " + value);
        }
    }

    static String preview(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

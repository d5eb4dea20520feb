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
        if (value != null && value.length() > MAX_LABEL_CHARS) {
            throw new InvalidRecordException("field '" + field + "' is " + value.length()
                    + " characters long, more than " + MAX_LABEL_CHARS);
        }
        return value;
    }

    static void nonNegative(String field, Number value) {
        if (value != null && (value.doubleValue() < 0 || Double.isNaN(value.doubleValue()))) {
            throw new InvalidRecordException("field '" + field + "' must be >= 0, was " + value);
        }
    }

    static String preview(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

package io.netobs.schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Typed settings from environment variables, for every component. A value that cannot be used
 * stops start-up with an {@link InvalidValue} naming the variable, its value and what was expected;
 * an unset or blank variable takes the documented default.
 */
public final class Env {
    private final Map<String, String> env;

    /** A variable whose value cannot be used. An {@link IllegalArgumentException}, so callers may treat it as one. */
    public static final class InvalidValue extends IllegalArgumentException {
        private final String variable;

        /** For a value a caller checks further (a URL, a path); {@code expected} says what it should have been. */
        public InvalidValue(String variable, String value, String expected, Throwable cause) {
            super(variable + "=" + value + ": " + expected, cause);
            this.variable = variable;
        }

        public String variable() {
            return variable;
        }
    }

    public Env(Map<String, String> env) {
        this.env = env;
    }

    /** The trimmed value, or {@code def} when unset or blank. */
    public String string(String name, String def) {
        String v = env.get(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    /** The value exactly as set, spaces included (a string to search for), or {@code def} only when unset. */
    public String verbatim(String name, String def) {
        String v = env.get(name);
        return v == null ? def : v;
    }

    /** One of {@code allowed}, matched ignoring case; returned as spelled in {@code allowed}. */
    public String choice(String name, String def, List<String> allowed) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new InvalidValue(name, v, "must be one of " + String.join(", ", allowed), null);
    }

    public int integer(String name, int def, int min, int max) {
        return (int) longInteger(name, def, min, max);
    }

    public long longInteger(String name, long def, long min, long max) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        long i;
        try {
            i = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidValue(name, v, "not an integer", e);
        }
        if (i < min || i > max) {
            throw new InvalidValue(name, v, bounds(min, max, max == Integer.MAX_VALUE || max == Long.MAX_VALUE), null);
        }
        return i;
    }

    /** A whole number of milliseconds, at least 0: the variables whose names end in {@code _MS}. */
    public Duration millis(String name, Duration def) {
        return Duration.ofMillis(longInteger(name, def.toMillis(), 0, Long.MAX_VALUE));
    }

    /** A finite decimal number ({@code 0.5}, {@code 4}, {@code 1e3}) within {@code min..max}. */
    public double decimal(String name, double def, double min, double max) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidValue(name, v, "not a number", e);
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            throw new InvalidValue(name, v, bounds(min, max, max == Double.MAX_VALUE), null);
        }
        return d;
    }

    /** An ISO-8601 duration ({@code PT30S}, {@code P1D}) or plain seconds ({@code 30}). */
    public Duration duration(String name, Duration def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidValue(name, v, "not a duration (ISO-8601 like PT30S, or seconds)", e);
        }
    }

    public boolean bool(String name, boolean def) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        if (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("false") || v.equals("0") || v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new InvalidValue(name, v, "not a boolean (true or false)", null);
    }

    private static String bounds(Number min, Number max, boolean unbounded) {
        return unbounded ? "must be at least " + plain(min) : "must be within " + plain(min) + ".." + plain(max);
    }

    private static String plain(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(n.longValue()) : String.valueOf(d);
    }
}

package io.netobs.schema;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Typed settings from environment variables, for every component. A value that cannot be used
 * stops start-up with an error naming the variable, its value and what was expected; an unset or
 * blank variable takes the documented default.
 */
public final class Env {
    private final Map<String, String> env;

    public Env(Map<String, String> env) {
        this.env = env;
    }

    /** The trimmed value, or {@code def} when unset or blank. */
    public String string(String name, String def) {
        String v = env.get(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public int integer(String name, int def, int min, int max) {
        String v = string(name, null);
        if (v == null) {
            return def;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new IllegalArgumentException(name + "=" + v + ": must be within " + min + ".." + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + ": not an integer", e);
        }
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
            throw new IllegalArgumentException(name + "=" + v + ": not a duration (ISO-8601 like PT30S, or seconds)", e);
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
        throw new IllegalArgumentException(name + "=" + v + ": not a boolean (true or false)");
    }
}

package io.netobs.streams.canary;

/**
 * Store keys of a series: {@code target␟type␟canary} for one canary, {@code target␟type␟} (empty
 * canary) for the aggregate across canaries. U+001F cannot occur in a validated label value, so the
 * parts split back unambiguously, and every key of a target starts with {@code target␟}.
 */
public final class SeriesKeys {
    public static final char SEP = '\u001f';

    private SeriesKeys() {
    }

    public static String of(String target, String type, String canaryId) {
        return target + SEP + type + SEP + (canaryId == null ? "" : canaryId);
    }

    /** The prefix of every key of one target. */
    public static String targetPrefix(String target) {
        return target + SEP;
    }

    /** [target, type, canary id or null]. */
    public static String[] parse(String key) {
        int a = key.indexOf(SEP);
        int b = key.indexOf(SEP, a + 1);
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("not a series key: " + key);
        }
        String canary = key.substring(b + 1);
        return new String[] {key.substring(0, a), key.substring(a + 1, b), canary.isEmpty() ? null : canary};
    }
}

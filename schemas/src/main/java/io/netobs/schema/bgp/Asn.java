package io.netobs.schema.bgp;

/** AS numbers as configuration files write them: 13335, "13335" or "AS13335" (RFC 5396 asplain). */
final class Asn {
    static final long MAX = 0xFFFF_FFFFL;

    private Asn() {
    }

    /**
     * @param text     the value as text
     * @param quoted   true when the YAML value was a string, where the "AS" prefix is allowed
     * @return the AS number, or -1 when the text is not one
     */
    static long parse(String text, boolean quoted) {
        String t = text.trim();
        if (quoted && t.regionMatches(true, 0, "AS", 0, 2)) {
            t = t.substring(2);
        }
        if (!t.matches("[0-9]{1,10}")) {
            return -1;
        }
        long v = Long.parseLong(t);
        return v > MAX ? -1 : v;
    }
}

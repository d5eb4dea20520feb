package io.netobs.schema.bgp;

/**
 * A top-level key of prefixes.yml: a prefix, optionally followed by an RFC 2622 range operator that
 * says which announcements under it are expected (ARTEMIS reads the same operators):
 * <ul>
 *   <li>none: the prefix itself only;</li>
 *   <li>{@code ^-}: its more-specifics, not the prefix itself;</li>
 *   <li>{@code ^+}: the prefix and all its more-specifics;</li>
 *   <li>{@code ^n}: its more-specifics of length n (n may be the prefix's own length);</li>
 *   <li>{@code ^n-m}: its more-specifics of lengths n to m.</li>
 * </ul>
 *
 * @param operator   the operator as written ("" when none), kept for messages and the event text
 * @param minLength  the shortest expected length
 * @param maxLength  the longest expected length
 */
record PrefixKey(Cidr prefix, String operator, int minLength, int maxLength) {
    private static final String OPERATORS = "use ^-, ^+, ^n or ^n-m after the prefix, e.g. 10.0.0.0/8^16-24";

    /** @throws IllegalArgumentException with the reason, for the caller to put the line on */
    static PrefixKey parse(String key) {
        String text = key.trim();
        int caret = text.indexOf('^');
        Cidr cidr;
        try {
            cidr = Cidr.parse(caret < 0 ? text : text.substring(0, caret));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "' is not a valid prefix: " + e.getMessage());
        }
        int len = cidr.length();
        int bits = cidr.isIpv6() ? 128 : 32;
        if (caret < 0) {
            return new PrefixKey(cidr, "", len, len);
        }
        String op = text.substring(caret);
        int min;
        int max;
        if (op.equals("^-") || op.equals("^+")) {
            if (len == bits) {
                throw new IllegalArgumentException("'" + key + "': a /" + bits + " has no more-specifics, so " + op
                        + " means nothing");
            }
            min = op.equals("^-") ? len + 1 : len;
            max = bits;
        } else if (op.matches("\\^[0-9]{1,3}(-[0-9]{1,3})?")) {
            String[] parts = op.substring(1).split("-");
            min = Integer.parseInt(parts[0]);
            max = parts.length == 2 ? Integer.parseInt(parts[1]) : min;
            if (min < len || max > bits || min > max) {
                throw new IllegalArgumentException("'" + key + "': the lengths of " + op + " must lie within /" + len
                        + " to /" + bits + " (the prefix's own length to the longest " + (cidr.isIpv6() ? "IPv6" : "IPv4")
                        + " prefix), shortest first");
            }
        } else {
            throw new IllegalArgumentException("'" + key + "': unknown operator '" + op + "' (" + OPERATORS + ")");
        }
        return new PrefixKey(cidr, op, min, max);
    }
}

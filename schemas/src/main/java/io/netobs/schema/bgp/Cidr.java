package io.netobs.schema.bgp;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * An IPv4 or IPv6 prefix in canonical form: {@code 2605:de00:bb:0:0:0:0:0/48} and
 * {@code 2605:de00:bb::/48} are the same {@code Cidr}, printed as the latter. Host bits are an
 * error, not silently cleared: a BGP prefix with host bits set is a malformed frame.
 *
 * <p>Parsing never touches DNS: only address literals are accepted.
 */
public final class Cidr implements Comparable<Cidr> {
    private final byte[] address;
    private final int length;
    private final String text;

    private Cidr(byte[] address, int length) {
        this.address = address;
        this.length = length;
        this.text = format(address) + "/" + length;
    }

    /**
     * @throws IllegalArgumentException with the reason, for anything that is not a canonicalisable prefix
     */
    public static Cidr parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("prefix is null");
        }
        String in = s.trim();
        int slash = in.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("prefix '" + in + "' has no '/length'");
        }
        byte[] addr = parseAddress(in.substring(0, slash));
        int len;
        try {
            len = Integer.parseInt(in.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("prefix '" + in + "' has a non-numeric length");
        }
        if (len < 0 || len > addr.length * 8) {
            throw new IllegalArgumentException("prefix '" + in + "' has length " + len + " out of range 0.." + addr.length * 8);
        }
        for (int bit = len; bit < addr.length * 8; bit++) {
            if ((addr[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("prefix '" + in + "' has host bits set");
            }
        }
        return new Cidr(addr, len);
    }

    /** Builds a prefix from raw bytes as carried in BGP NLRI (trailing bytes absent = zero). */
    public static Cidr of(byte[] nlriBytes, int length, boolean ipv6) {
        byte[] full = new byte[ipv6 ? 16 : 4];
        System.arraycopy(nlriBytes, 0, full, 0, Math.min(nlriBytes.length, full.length));
        if (length < 0 || length > full.length * 8) {
            throw new IllegalArgumentException("prefix length " + length + " out of range");
        }
        return parse(format(full) + "/" + length);
    }

    /** Parses an IPv4 or IPv6 literal without any name lookup. */
    public static byte[] parseAddress(String literal) {
        String a = literal.trim();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (a.indexOf(':') >= 0) {
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                boolean ok = Character.digit(c, 16) >= 0 || c == ':' || c == '.';
                if (!ok) {
                    throw new IllegalArgumentException("'" + a + "' is not an IPv6 address");
                }
            }
            try {
                // Only hex digits, ':' and '.' remain, so this is a literal parse, never a lookup.
                InetAddress ia = InetAddress.getByName(a);
                if (!(ia instanceof Inet6Address)) {
                    // e.g. ::ffff:1.2.3.4 is folded to IPv4 by the JDK; keep the 16-byte form.
                    byte[] v6 = new byte[16];
                    v6[10] = (byte) 0xff;
                    v6[11] = (byte) 0xff;
                    System.arraycopy(ia.getAddress(), 0, v6, 12, 4);
                    return v6;
                }
                return ia.getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + a + "' is not an IPv6 address");
            }
        }
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("'" + a + "' is not an IPv4 address");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("'" + a + "' is not an IPv4 address");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("'" + a + "' is not an IPv4 address");
            }
            out[i] = (byte) v;
        }
        return out;
    }

    /** Canonical text of an address: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    public static String format(byte[] addr) {
        if (addr.length == 4) {
            return (addr[0] & 0xff) + "." + (addr[1] & 0xff) + "." + (addr[2] & 0xff) + "." + (addr[3] & 0xff);
        }
        int[] w = new int[8];
        for (int i = 0; i < 8; i++) {
            w[i] = ((addr[2 * i] & 0xff) << 8) | (addr[2 * i + 1] & 0xff);
        }
        // RFC 5952: compress the longest run (>= 2) of zero words, the first one on a tie.
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen && j - i >= 2) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(w[i]));
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public boolean isIpv6() {
        return address.length == 16;
    }

    public int length() {
        return length;
    }

    public byte[] address() {
        return address.clone();
    }

    /** True when {@code other} is this prefix or a more-specific of it (same family). */
    public boolean contains(Cidr other) {
        if (other.address.length != address.length || other.length < length) {
            return false;
        }
        int full = length / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != other.address[i]) {
                return false;
            }
        }
        int rem = length % 8;
        if (rem == 0) {
            return true;
        }
        int mask = (0xff << (8 - rem)) & 0xff;
        return (address[full] & mask) == (other.address[full] & mask);
    }

    /** The address as an unsigned integer, for ordering and range checks. */
    public BigInteger toBigInteger() {
        return new BigInteger(1, address);
    }

    @Override
    public int compareTo(Cidr o) {
        int c = Integer.compare(address.length, o.address.length);
        if (c != 0) {
            return c;
        }
        c = Arrays.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.length == length && Arrays.equals(c.address, address);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + length;
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.netobs.streams.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.Json;
import io.netobs.schema.bgp.Cidr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An immutable set of validated ROA payloads and RFC 6811 route origin validation over it.
 *
 * <p>Reads the three JSON layouts in use: rpki-client and StayRTR ({@code {"roas":[...]}} with numeric
 * ASNs), Routinator ({@code {"roas":[...]}} with {@code "AS1234"}) and BGPalerter's bare array; an ASN
 * may be {@code 13335}, {@code "13335"} or {@code "AS13335"}. A malformed entry (e.g. host bits set,
 * maxLength shorter than the prefix) is skipped and counted, since one bad ROA must not discard the
 * hundreds of thousands of good ones; a file that is not one of the layouts is an error.
 */
public final class VrpSet {
    /** Validation state of a route, with the label value used in metrics and events. */
    public enum Status {
        VALID("valid"), INVALID("invalid"), NOT_FOUND("not-found");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record Vrp(Cidr prefix, int maxLength, long asn) {
    }

    public static final VrpSet EMPTY = new VrpSet(List.of(), 0);

    private final Map<Integer, Map<BigInteger, List<Vrp>>> v4 = new HashMap<>();
    private final Map<Integer, Map<BigInteger, List<Vrp>>> v6 = new HashMap<>();
    private final TreeSet<Integer> v4Lengths = new TreeSet<>();
    private final TreeSet<Integer> v6Lengths = new TreeSet<>();
    private final int size;
    private final int skipped;

    private VrpSet(Collection<Vrp> vrps, int skipped) {
        for (Vrp v : vrps) {
            boolean six = v.prefix().isIpv6();
            int len = v.prefix().length();
            (six ? v6Lengths : v4Lengths).add(len);
            (six ? v6 : v4).computeIfAbsent(len, l -> new HashMap<>())
                    .computeIfAbsent(key(v.prefix().toBigInteger(), six, len), k -> new ArrayList<>()).add(v);
        }
        this.size = vrps.size();
        this.skipped = skipped;
    }

    public static VrpSet of(Collection<Vrp> vrps) {
        return new VrpSet(vrps, 0);
    }

    public static VrpSet load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /** @throws IOException when the bytes are not JSON or not one of the known layouts */
    public static VrpSet parse(byte[] json, String source) throws IOException {
        JsonNode root = Json.MAPPER.readTree(json);
        JsonNode roas = root != null && root.isObject() ? root.get("roas") : root;
        if (roas == null || !roas.isArray()) {
            throw new IOException(source + ": expected a JSON array of VRPs or an object with a \"roas\" array");
        }
        List<Vrp> out = new ArrayList<>(roas.size());
        int bad = 0;
        for (JsonNode e : roas) {
            Vrp v = entry(e);
            if (v == null) {
                bad++;
            } else {
                out.add(v);
            }
        }
        return new VrpSet(out, bad);
    }

    private static Vrp entry(JsonNode e) {
        try {
            Cidr prefix = Cidr.parse(e.path("prefix").asText(null));
            Long asn = asn(e.get("asn"));
            JsonNode ml = e.get("maxLength");
            int maxLength = ml == null ? prefix.length() : ml.isInt() ? ml.intValue() : -1;
            int bits = prefix.isIpv6() ? 128 : 32;
            if (asn == null || maxLength < prefix.length() || maxLength > bits) {
                return null;
            }
            return new Vrp(prefix, maxLength, asn);
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Long asn(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber()) {
            long v = n.longValue();
            return v >= 0 && v <= 0xFFFF_FFFFL ? v : null;
        }
        String s = n.asText("").trim();
        if (s.regionMatches(true, 0, "AS", 0, 2)) {
            s = s.substring(2);
        }
        if (!s.matches("[0-9]{1,10}") || Long.parseLong(s) > 0xFFFF_FFFFL) {
            return null;
        }
        return Long.parseLong(s);
    }

    public int size() {
        return size;
    }

    /** Entries of the file that were not usable VRPs. */
    public int skipped() {
        return skipped;
    }

    /**
     * RFC 6811 origin validation. {@code origin} is the route's origin AS, or null when there is none
     * (an AS_SET origin or no path): such a route can never match a VRP, so it is invalid when covered.
     */
    public Status validate(Cidr route, Long origin) {
        boolean six = route.isIpv6();
        BigInteger addr = route.toBigInteger();
        boolean covered = false;
        for (int len : (six ? v6Lengths : v4Lengths).headSet(route.length(), true)) {
            List<Vrp> candidates = (six ? v6 : v4).get(len).get(key(addr, six, len));
            if (candidates == null) {
                continue;
            }
            covered = true;
            for (Vrp v : candidates) {
                // AS0 ROAs (RFC 6483) say "never originated": they cover but never match.
                if (origin != null && v.asn() != 0 && v.asn() == origin && route.length() <= v.maxLength()) {
                    return Status.VALID;
                }
            }
        }
        return covered ? Status.INVALID : Status.NOT_FOUND;
    }

    private static BigInteger key(BigInteger addr, boolean six, int len) {
        return addr.shiftRight((six ? 128 : 32) - len);
    }
}

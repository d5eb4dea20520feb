package io.netobs.streams.bgp;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Store keys of the BGP topology. '|' never occurs in a prefix, a peer IP or a collector name, so it
 * separates the parts; every key of a monitored prefix starts with "monitored|", which lets one
 * prefix scan find all routes of a monitored prefix and its more-specifics.
 */
final class BgpKeys {
    static final char SEP = '|';
    /** First part of the seed store's last-event keys; never a prefix. */
    static final String LAST_EVENT = "T";

    private BgpKeys() {
    }

    /** A peer is one BGP session: the same router feeding two collectors is two peers. */
    static String peer(BgpUpdate u) {
        return u.peerIp() + "@" + u.collector();
    }

    static String route(String monitored, String prefix, String peer) {
        return monitored + SEP + prefix + SEP + peer;
    }

    static String scanMonitored(String monitored) {
        return monitored + SEP;
    }

    /** [monitored, prefix, rest]: the rest may itself contain '|'-free text only. */
    static String[] split(String key) {
        int a = key.indexOf(SEP);
        int b = key.indexOf(SEP, a + 1);
        return new String[] {key.substring(0, a), key.substring(a + 1, b), key.substring(b + 1)};
    }

    /** The key of a prefix's state: the monitored prefix, then the prefix (itself or a more-specific). */
    static String prefixKey(String monitored, String prefix) {
        return monitored + SEP + prefix;
    }

    static String seedAnnouncement(String monitored, String prefix, long peerAsn, String originKey, String project) {
        return monitored + SEP + "A" + SEP + prefix + SEP + peerAsn + SEP + originKey + SEP + project;
    }

    static String seedWithdrawal(String monitored, String prefix, long peerAsn, String project) {
        return monitored + SEP + "W" + SEP + prefix + SEP + peerAsn + SEP + project;
    }

    static String seedLastEvent(String project) {
        return LAST_EVENT + SEP + project;
    }

    /** The monitored prefix of a seed counter key, or null for a last-event key. */
    static String seedMonitored(String key) {
        int a = key.indexOf(SEP);
        return a < 0 || key.substring(0, a).equals(LAST_EVENT) ? null : key.substring(0, a);
    }

    /** The origin as a label value: the single origin, or the AS_SET members in braces. */
    static String originKey(BgpUpdate u) {
        List<Long> origins = u.originAsns() == null ? List.of() : u.originAsns();
        if (u.asSet() == null && origins.size() == 1) {
            return Long.toString(origins.get(0));
        }
        return origins.stream().sorted().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    static List<Long> origins(String originKey) {
        String body = originKey.startsWith("{") ? originKey.substring(1, originKey.length() - 1) : originKey;
        List<Long> out = new ArrayList<>();
        for (String s : body.split(",")) {
            if (!s.isEmpty()) {
                out.add(Long.parseLong(s));
            }
        }
        return out;
    }

    /** True when the origin (label form) is one the monitored prefix expects; an AS_SET when any member is. */
    static boolean expectedOrigin(MonitoredPrefixes.Prefix monitored, String originKey) {
        if (monitored.anyOrigin()) {
            return true;
        }
        if (!originKey.startsWith("{")) {
            return monitored.expectsOrigin(Long.parseLong(originKey)); // the common case, asked per update
        }
        return origins(originKey).stream().anyMatch(monitored::expectsOrigin);
    }

    /** The length of a canonical prefix ("1.1.1.0/24" -> 24). */
    static int length(String prefix) {
        return Integer.parseInt(prefix.substring(prefix.indexOf('/') + 1));
    }

    /** The single origin, or null for an AS_SET origin (RFC 6811: no origin, never matches a VRP). */
    static Long singleOrigin(String originKey) {
        return originKey.startsWith("{") ? null : Long.parseLong(originKey);
    }

    /** First hop before the origin, prepending of the origin skipped; null when the peer is the origin. */
    static Long upstream(BgpUpdate u) {
        List<Long> path = u.asPath();
        if (path == null || path.isEmpty()) {
            return null;
        }
        int i = path.size() - 1;
        if (u.asSet() == null) {
            long origin = path.get(i);
            while (i >= 0 && path.get(i) == origin) {
                i--;
            }
        }
        return i >= 0 ? path.get(i) : null;
    }
}

package io.netobs.streams.bgp;

import io.netobs.schema.BgpUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Store keys of the BGP topology. '|' never occurs in a prefix, a peer IP or a collector name, so it
 * separates the parts; every key of a monitored prefix starts with "monitored|", which lets one
 * prefix scan find all state of a monitored prefix and its more-specifics.
 */
final class BgpKeys {
    static final char SEP = '|';
    static final String VISIBLE = "visible";
    static final String REPORTING = "reporting";
    static final String MAX_VISIBLE = "maxvisible";
    static final String ANNOUNCE = "announce";
    static final String WITHDRAW = "withdraw";
    static final String ORIGIN = "origin=";
    static final String UPSTREAM = "upstream=";
    static final String OPENED = "opened=";
    /** On the monitored prefix's own row: distinct more-specifics tracked, and updates of untracked ones. */
    static final String MORE_SPECIFICS = "morespecifics";
    static final String OVERFLOW = "overflow";

    private BgpKeys() {
    }

    /** A peer is one BGP session: the same router feeding two collectors is two peers. */
    static String peer(BgpUpdate u) {
        return u.peerIp() + "@" + u.collector();
    }

    static String route(String monitored, String prefix, String peer) {
        return monitored + SEP + prefix + SEP + peer;
    }

    static String count(String monitored, String prefix, String field) {
        return monitored + SEP + prefix + SEP + field;
    }

    static String scanPrefix(String monitored, String prefix) {
        return monitored + SEP + prefix + SEP;
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

    static String seedAnnouncement(String prefix, long peerAsn, String originKey, String project) {
        return "A" + SEP + prefix + SEP + peerAsn + SEP + originKey + SEP + project;
    }

    static String seedWithdrawal(String prefix, long peerAsn, String project) {
        return "W" + SEP + prefix + SEP + peerAsn + SEP + project;
    }

    static String seedLastEvent(String project) {
        return "T" + SEP + project;
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

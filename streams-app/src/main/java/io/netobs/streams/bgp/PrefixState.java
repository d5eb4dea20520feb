package io.netobs.streams.bgp;

import io.netobs.schema.BgpEvent;
import io.netobs.schema.bgp.MonitoredPrefixes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the event rules need about one prefix (a monitored prefix or a more-specific of it),
 * derived from its routes and kept up to date with each update: the value of
 * {@link BgpNames#STORE_PREFIXES}. Its open events live here, so an update looks only at the events
 * of its own prefix. The monitored prefix's own entry also counts the more-specifics tracked under
 * it and the updates of those refused beyond {@code maxMoreSpecifics}.
 */
final class PrefixState {
    /** Peers that ever reported the prefix, and that announce it now (any origin); the most that ever did. */
    long reporting;
    long visible;
    long maxVisible;
    /**
     * On a monitored prefix's own entry: the most peers that ever announced it at once from an expected
     * origin, the reference of VISIBILITY_LOST. Routes of other origins do not count, so a hijacker whose
     * routes come and go moves neither this mark nor the visibility compared with it.
     */
    long maxExpectedVisible;
    long announcements;
    long withdrawals;
    /** Origin (label form) -> peers announcing the prefix from it now; zero entries removed. */
    final TreeMap<String, Long> origins = new TreeMap<>();
    /** Upstream ASN of routes with an expected origin -> peers; zero entries removed. */
    final TreeMap<Long, Long> upstreams = new TreeMap<>();
    /** Event kind -> events of that kind opened so far. */
    final TreeMap<String, Long> opened = new TreeMap<>();
    /** Event id -> the OPEN event; an entry exists exactly while the event is open. */
    final Map<String, BgpEvent> open = new LinkedHashMap<>();
    /** On the monitored prefix's own entry: more-specifics tracked, and updates of untracked ones. */
    long moreSpecifics;
    long moreSpecificsOverflow;
    /**
     * Not stored: whether the rules were evaluated since this state was loaded, and with which VRPs.
     * The rules' answer depends only on the counts above, the open events and the VRPs, so an update
     * that changes none of them (a path change, a re-announcement) need not ask them again.
     */
    boolean evaluated;
    Object evaluatedVrps;
    /** Not stored: this state's key in its store ("monitored|prefix"), built once. */
    String key;

    /** Peers announcing the prefix now from an origin {@code monitored} expects. */
    long expectedVisible(MonitoredPrefixes.Prefix monitored) {
        long n = 0;
        for (Map.Entry<String, Long> o : origins.entrySet()) {
            if (BgpKeys.expectedOrigin(monitored, o.getKey())) {
                n += o.getValue();
            }
        }
        return n;
    }

    /** Adds to a count; a count that reaches zero is removed, so gone origins leave no entry. */
    static <K> void add(TreeMap<K, Long> counts, K key, long delta) {
        long v = counts.getOrDefault(key, 0L) + delta;
        if (v <= 0) {
            counts.remove(key);
        } else {
            counts.put(key, v);
        }
    }
}

package io.netobs.streams.fault;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The seed's cumulative counter, canary_status_total, per series and status: expected versus served. */
final class Totals {
    private Totals() {
    }

    /** target|type|canary|status -> count, from what was sent. */
    static Map<String, Long> expected(Collection<Sent> sent) {
        Map<String, Long> m = new TreeMap<>();
        for (Sent s : sent) {
            m.merge(s.target() + "|" + s.type() + "|" + s.canary() + "|" + s.status().name(), 1L, Long::sum);
        }
        return m;
    }

    /** The same from a scrape (zero-valued series left out, as the input has none). */
    static Map<String, Long> served(Scrape scrape) {
        Map<String, Long> m = new TreeMap<>();
        for (Scrape.Sample s : scrape.samples("canary_status_total")) {
            if (s.value() != 0) {
                m.merge(s.label("target") + "|" + s.label("type") + "|" + s.label("canary_id") + "|" + s.label("status"),
                        (long) s.value(), Long::sum);
            }
        }
        return m;
    }

    /** Every series whose total differs, with both values; empty when all agree. */
    static List<String> differences(Scrape scrape, Collection<Sent> sent) {
        Map<String, Long> want = expected(sent);
        Map<String, Long> got = served(scrape);
        List<String> d = new ArrayList<>();
        want.forEach((k, v) -> {
            if (!v.equals(got.get(k))) {
                d.add(k + " expected " + v + " served " + got.get(k));
            }
        });
        got.keySet().stream().filter(k -> !want.containsKey(k)).forEach(k -> d.add(k + " not sent, served " + got.get(k)));
        return d;
    }
}

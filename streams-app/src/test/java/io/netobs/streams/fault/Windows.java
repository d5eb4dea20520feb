package io.netobs.streams.fault;

import java.util.HashMap;
import java.util.Map;

/** What /metrics says about closed windows. */
final class Windows {
    private Windows() {
    }

    /** target -> end (ms) of its latest closed window across canaries, as served. */
    static Map<String, Long> lastEnds(Scrape s) {
        Map<String, Long> m = new HashMap<>();
        for (Scrape.Sample x : s.samples("netobs_target_window_end_timestamp_seconds")) {
            m.merge(x.label("target"), Math.round(x.value() * 1000), Math::max);
        }
        return m;
    }
}

package io.netobs.canary.publish;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts results the spool could not keep, by reason, and tracks the current dropping episode: the
 * first drop of an episode is logged, and so is the end of it (the next accepted result) with how
 * many were dropped meanwhile. One log line per episode, however many results are dropped.
 */
public final class Drops {
    private static final Logger LOG = LoggerFactory.getLogger(Drops.class);

    /** The spool was at max_bytes. */
    public static final String SPOOL_FULL = "spool_full";
    /** Writing the spool failed (no space left, or any other write error). */
    public static final String DISK_FULL = "disk_full";
    /** Records lost to damage found in a segment (counted from the gap in sequence numbers). */
    public static final String CORRUPT = "corrupt";
    public static final List<String> REASONS = List.of(SPOOL_FULL, DISK_FULL, CORRUPT);

    private final String spool;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private volatile String episode;     // reason of the ongoing episode, null while results are accepted
    private long episodeDrops;           // guarded by the spool's lock, like every call below

    Drops(String spool) {
        this.spool = spool;
        REASONS.forEach(r -> counts.put(r, new AtomicLong()));
    }

    void drop(String reason, String detail) {
        counts.get(reason).incrementAndGet();
        if (!reason.equals(episode)) {
            if (episode != null) {
                LOG.warn("spool {}: {} results dropped ({}); now dropping because {}", spool, episodeDrops, episode, reason);
            }
            LOG.warn("spool {}: dropping results ({}): {}. Probing goes on; /health is 503 until results are accepted again",
                    spool, reason, detail);
            episode = reason;
            episodeDrops = 0;
        }
        episodeDrops++;
    }

    void lost(long records) {
        counts.get(CORRUPT).addAndGet(records);
    }

    void accepted() {
        if (episode != null) {
            LOG.warn("spool {}: accepting results again after dropping {} ({})", spool, episodeDrops, episode);
            episode = null;
        }
    }

    /** Why results are being dropped right now, or null while they are accepted. */
    public String dropping() {
        return episode;
    }

    public long count(String reason) {
        return counts.get(reason).get();
    }

    public long total() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }
}

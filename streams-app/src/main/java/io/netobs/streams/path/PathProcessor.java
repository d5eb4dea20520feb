package io.netobs.streams.path;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.PathEvent;
import io.netobs.streams.AppConfig;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.Observation;
import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Path analysis of traceroute results, per (target, canary), on the canary pipeline's target-keyed
 * stream: every other result type passes by untouched. In the window processor's style, the series
 * live in memory and each result is written through to its one entry of a cached, changelogged store,
 * so a commit carries exactly the state of the records it commits. {@link PathTracker} decides what a
 * result changes; PATH_CHANGED records go to path-events keyed by target.
 *
 * <p>Results are analysed in observation-time order per series: one not newer than the newest analysed
 * is counted as stale and left out, so a late or repeated result cannot flip the path back. Series are
 * bounded by {@code NETOBS_MAX_SERIES} per task (further ones counted as label overflow, family
 * {@code path}) and expire, with a CLOSED record for an open change, after {@code NETOBS_SERIES_EXPIRY}
 * without a result. A result this processor cannot use (a TTL outside 1..255, an address of more than
 * 255 characters) is counted and thrown, so the processing exception handler puts it on the dead-letter
 * topic and the application goes on.
 */
final class PathProcessor implements Processor<String, Observation, String, PathEvent> {
    private static final Duration EXPIRY_CHECK = Duration.ofSeconds(60);

    private final long expiryMs;
    private final int maxSeries;
    private final Map<String, PathRecord> series = new HashMap<>();
    private ProcessorContext<String, PathEvent> context;
    private KeyValueStore<String, PathRecord> store;
    private Counters counters;

    PathProcessor(AppConfig cfg) {
        this.expiryMs = cfg.seriesExpiry().toMillis();
        this.maxSeries = cfg.maxSeries();
    }

    @Override
    public void init(ProcessorContext<String, PathEvent> context) {
        this.context = context;
        this.store = context.getStateStore(PathNames.STORE_PATHS);
        this.counters = new Counters(context.getStateStore(CanaryNames.STORE_COUNTERS));
        // Cleared first: a task revived after an error is initialised again with this same instance.
        series.clear();
        try (KeyValueIterator<String, PathRecord> it = store.all()) {
            it.forEachRemaining(kv -> series.put(kv.key, kv.value));
        }
        context.schedule(EXPIRY_CHECK, PunctuationType.WALL_CLOCK_TIME, wall -> expire(wall - expiryMs));
    }

    @Override
    public void process(Record<String, Observation> record) {
        CanaryResult r = record.value().result();
        if (!PathNames.TYPE.equals(r.type()) || r.hops() == null || r.hops().isEmpty()) {
            return;
        }
        try {
            analyse(r, record.value().eventTimeMs());
        } catch (StreamsException e) {
            throw e; // a failed write: the production handler's business, not a bad record
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
    }

    private void analyse(CanaryResult r, long t) {
        Trace trace = Trace.of(r);
        String key = SeriesKeys.of(r.target(), PathNames.TYPE, r.canaryId());
        PathRecord rec = series.get(key);
        if (rec == null) {
            if (series.size() >= maxSeries) {
                counters.increment(Counters.overflowKey(PathNames.OVERFLOW_FAMILY));
                return;
            }
            rec = new PathRecord();
            series.put(key, rec);
        }
        rec.lastSeenMs = context.currentSystemTimeMs();
        if (t <= rec.lastResultMs) {
            rec.stale++;
        } else {
            rec.lastResultMs = t;
            rec.pop = r.pop();
            rec.latencyMs = trace.latencyMs();
            rec.lossRatio = trace.lossRatio();
            for (PathEvent e : PathTracker.update(rec, trace, r.target(), r.canaryId(), t)) {
                context.forward(new Record<>(r.target(), e, t));
            }
        }
        store.put(key, rec);
    }

    /** Removes every series that received nothing since {@code cutoff}, closing its open change. */
    private void expire(long cutoff) {
        for (Iterator<Map.Entry<String, PathRecord>> it = series.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, PathRecord> s = it.next();
            if (s.getValue().lastSeenMs >= cutoff) {
                continue;
            }
            String[] k = SeriesKeys.parse(s.getKey());
            long wall = context.currentSystemTimeMs();
            PathEvent closed = PathTracker.expire(s.getValue(), k[0], k[2], wall);
            if (closed != null) {
                context.forward(new Record<>(k[0], closed, wall));
            }
            store.delete(s.getKey());
            it.remove();
        }
    }
}

package io.netobs.streams.canary;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.canary.state.SeriesRecord;
import io.netobs.streams.canary.state.SeriesWindow;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import io.netobs.streams.canary.TargetEntry.Series;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * One pass per result, one instance per task: everything the canary pipeline derives from a result
 * (the seed's cumulative counters and last-value gauges, the open tumbling windows per
 * (target, type, canary), the late and overflow counts) is updated in memory and written through to
 * one cached, changelogged store entry, the series' {@link SeriesRecord}. So a commit under
 * exactly-once always carries the state of exactly the records it commits, and the per-record cost
 * is an in-memory update and one store put; nothing is read back or decoded per record.
 *
 * <p>Windows close once, when this task's watermark ({@link EventClock}: the earliest event time
 * among the input partitions that feed it) passes end + grace, or, when the task received nothing for
 * {@code NETOBS_IDLE_CLOSE_AFTER}, when the wall clock does. A closed window is published per canary and across the target's canaries (the merge
 * of their sketches), kept as the series' latest window and in the history store. A result for a
 * window that closed already, or older than the retention, is late: counted, left out of windows,
 * still in the cumulative totals.
 *
 * <p>The close time (the watermark windows were closed at, which alone decides lateness) is persisted
 * whenever it enters a new (end + grace) bucket, with the per-partition event times, so a restart
 * judges every record as the run before it would have. A
 * series that received nothing for {@code NETOBS_SERIES_EXPIRY} leaves every store; the number of
 * series per task is bounded by {@code NETOBS_MAX_SERIES}, further ones are counted and refused.
 */
final class WindowProcessor implements Processor<String, Observation, String, CanaryAggregate> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WindowProcessor.class);
    static final String OVERFLOW_SERIES = "canary";
    static final String OVERFLOW_DNS = "dns";
    private static final Duration PUNCTUATE_EVERY = Duration.ofSeconds(1);
    private static final long EXPIRY_CHECK_MS = 60_000;
    /** Counter-store key prefix of a source partition's event time, persisted with the close time. */
    static final String SOURCE_TIME = "source_time" + Counters.SEP;
    private static final org.apache.kafka.common.serialization.StringSerializer KEYS =
            new org.apache.kafka.common.serialization.StringSerializer();

    private final long sizeMs;
    private final long graceMs;
    private final long retentionMs;
    private final long idleCloseMs;
    private final long expiryMs;
    private final int maxSeries;

    private ProcessorContext<String, CanaryAggregate> context;
    private KeyValueStore<String, SeriesRecord> series;
    private KeyValueStore<String, List<CanaryAggregate>> latest;
    private WindowStore<String, List<CanaryAggregate>> history;
    private Counters counters;

    /** target -> its series and latest windows. */
    private final Map<String, TargetEntry> targets = new HashMap<>();
    /** Window start -> targets with a window open there. */
    private final TreeMap<Long, Set<String>> openByStart = new TreeMap<>();
    private final int inputPartitions;
    private EventClock clock;
    private int seriesCount;
    /** The time windows have been closed up to: windows with end + grace at or before it are published. */
    private long closeTime;
    private long persistedBucket;
    private long lastRecordWallMs;
    private final InputWatch input;
    private int partition;
    private boolean processedSincePunctuate;
    private long nextExpiryCheckMs;

    WindowProcessor(AppConfig cfg, InputWatch input) {
        this.input = input;
        this.sizeMs = cfg.windowSize().toMillis();
        this.graceMs = cfg.windowGrace().toMillis();
        this.retentionMs = cfg.windowRetention().toMillis();
        this.idleCloseMs = cfg.idleCloseAfter().toMillis();
        this.expiryMs = cfg.seriesExpiry().toMillis();
        this.maxSeries = cfg.maxSeries();
        this.inputPartitions = cfg.inputPartitions();
    }

    @Override
    public void init(ProcessorContext<String, CanaryAggregate> context) {
        this.context = context;
        this.series = context.getStateStore(CanaryNames.STORE_SERIES);
        this.latest = context.getStateStore(CanaryNames.STORE_LATEST);
        this.history = context.getStateStore(CanaryNames.STORE_HISTORY);
        this.counters = new Counters(context.getStateStore(CanaryNames.STORE_COUNTERS));
        // Cleared first: a task revived after an error is initialised again with this same instance.
        targets.clear();
        openByStart.clear();
        seriesCount = 0;
        try (KeyValueIterator<String, List<CanaryAggregate>> it = latest.all()) {
            it.forEachRemaining(kv -> targets.put(kv.key, new TargetEntry(new ArrayList<>(kv.value))));
        }
        try (KeyValueIterator<String, SeriesRecord> it = series.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                String[] k = SeriesKeys.parse(kv.key);
                targets.computeIfAbsent(k[0], t -> TargetEntry.empty()).add(new Series(k[1], k[2], kv.key, kv.value));
                seriesCount++;
                for (Long start : kv.value.open.keySet()) {
                    openByStart.computeIfAbsent(start, s -> new HashSet<>()).add(k[0]);
                }
            }
        }
        long persisted = counters.get(Counters.STREAM_TIME);
        closeTime = persisted == 0 ? Long.MIN_VALUE : persisted;
        persistedBucket = bucket(closeTime);
        lastRecordWallMs = context.currentSystemTimeMs();
        partition = context.taskId().partition();
        clock = new EventClock(idleCloseMs, inputPartitions);
        KeyValueStore<String, Long> counterStore = context.getStateStore(CanaryNames.STORE_COUNTERS);
        try (KeyValueIterator<String, Long> it = counterStore.prefixScan(SOURCE_TIME, KEYS)) {
            it.forEachRemaining(kv -> clock.restore(kv.key.substring(SOURCE_TIME.length()), kv.value, lastRecordWallMs));
        }
        nextExpiryCheckMs = lastRecordWallMs + EXPIRY_CHECK_MS;
        context.schedule(PUNCTUATE_EVERY, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, Observation> record) {
        try {
            add(record.key(), record.value());
        } catch (StreamsException e) {
            throw e; // a failed write: the production handler's business, not a bad record
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
    }

    private void add(String target, Observation o) {
        CanaryResult r = o.result();
        long t = o.eventTimeMs();
        long wall = context.currentSystemTimeMs();
        lastRecordWallMs = wall;
        processedSincePunctuate = true;
        RecordMetadata meta = context.recordMetadata().orElse(null);
        boolean viaRepartition = meta != null && !Topics.CANARY_RESULTS.equals(meta.topic());
        clock.observe(viaRepartition, o.sourcePartition(), t, wall);
        Series s = series(target, r.type(), r.canaryId());
        if (s == null) {
            counters.increment(Counters.overflowKey(OVERFLOW_SERIES));
            return;
        }
        int refused = s.rec().last.add(r, t);
        if (refused > 0) {
            counters.add(Counters.overflowKey(OVERFLOW_DNS), refused);
        }
        s.rec().lastSeenMs = wall;
        long start = t - Math.floorMod(t, sizeMs);
        if (isLate(start) || t < wall - retentionMs) {
            counters.increment(Counters.LATE);
            if (LOG.isDebugEnabled()) {
                LOG.debug("late: {} of {} at {} ({} partition {}), windows closed through {}", r.canaryId(), target,
                        Instant.ofEpochMilli(t), viaRepartition ? "repartitioned from" : "direct from",
                        o.sourcePartition(), Instant.ofEpochMilli(closeTime));
            }
        } else {
            SeriesWindow w = s.rec().open.get(start);
            if (w == null) {
                w = new SeriesWindow();
                s.rec().open.put(start, w);
                openByStart.computeIfAbsent(start, x -> new HashSet<>()).add(target);
            }
            w.add(r, t);
        }
        series.put(s.key(), s.rec());
        long watermark = clock.watermark(wall);
        if (watermark > closeTime) {
            advance(watermark);
        }
    }

    /** The series, created when new and the task holds fewer than the bound; null when refused. */
    private Series series(String target, String type, String canary) {
        TargetEntry entry = targets.get(target);
        Series s = entry == null ? null : entry.series(type, canary);
        if (s != null) {
            return s;
        }
        if (seriesCount >= maxSeries) {
            return null;
        }
        s = new Series(type, canary, SeriesKeys.of(target, type, canary), new SeriesRecord());
        targets.computeIfAbsent(target, x -> TargetEntry.empty()).add(s);
        seriesCount++;
        return s;
    }

    private boolean isLate(long windowStart) {
        return closeTime != Long.MIN_VALUE && windowStart + sizeMs + graceMs <= closeTime;
    }

    /** Lateness depends only on which (end + grace) interval stream time lies in. */
    private long bucket(long time) {
        return time == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(time - graceMs, sizeMs);
    }

    private void advance(long time) {
        closeTime = time;
        long b = bucket(time);
        if (b != persistedBucket) {
            counters.set(Counters.STREAM_TIME, time);
            clock.forEach((source, max) -> counters.set(SOURCE_TIME + source, max));
            persistedBucket = b;
        }
        while (!openByStart.isEmpty() && openByStart.firstKey() + sizeMs + graceMs <= closeTime) {
            Map.Entry<Long, Set<String>> due = openByStart.pollFirstEntry();
            for (String target : due.getValue()) {
                close(target, due.getKey());
            }
        }
    }

    /**
     * Publishes the target's windows starting at {@code start}: per canary, then per type across
     * canaries; keeps them as the target's latest and in its history, one write each.
     */
    private void close(String target, long start) {
        TargetEntry entry = targets.get(target);
        if (entry == null) {
            return;
        }
        long end = start + sizeMs;
        List<CanaryAggregate> closed = new ArrayList<>();
        String type = null;
        SeriesWindow all = null;
        for (Series s : entry.series) { // sorted by type, then canary
            if (!s.type().equals(type)) {
                if (all != null) {
                    closed.add(all.toAggregate(target, type, null, start, end));
                }
                type = s.type();
                all = null;
            }
            SeriesWindow w = s.rec().open.remove(start);
            if (w == null) {
                continue;
            }
            closed.add(w.toAggregate(target, type, s.canary(), start, end));
            series.put(s.key(), s.rec());
            all = all == null ? new SeriesWindow() : all;
            all.merge(w);
        }
        if (all != null) {
            closed.add(all.toAggregate(target, type, null, start, end));
        }
        if (closed.isEmpty()) {
            return;
        }
        for (CanaryAggregate a : closed) {
            entry.latest(a);
            context.forward(new Record<>(aggregateKey(a), a, end));
        }
        latest.put(target, entry.latest);
        history.put(target, closed, start);
    }

    /** Key on canary-aggregates: window start (ms), target, type and, per canary, the canary id. */
    static String aggregateKey(CanaryAggregate a) {
        return a.windowStartMs() + "|" + a.target() + "|" + a.type() + (a.canaryId() == null ? "" : "|" + a.canaryId());
    }

    private void punctuate(long wall) {
        if (!processedSincePunctuate && !input.mayBeQuiet(partition)) {
            // Silence that is not quiet (brokers unreachable, a backlog not handed over yet): nothing
            // ages, so no window closes by the wall clock and no source stops holding the watermark
            // while the results they are waiting for are only late in coming.
            lastRecordWallMs = wall;
            clock.hold(wall);
        }
        processedSincePunctuate = false;
        long watermark = clock.watermark(wall);
        if (watermark > closeTime) {
            // A partition that went quiet no longer holds the others back.
            advance(watermark);
        } else if (wall - lastRecordWallMs >= idleCloseMs && !openByStart.isEmpty() && wall > closeTime) {
            // The whole task went quiet: its last windows are published by the wall clock.
            advance(wall);
        }
        if (wall >= nextExpiryCheckMs) {
            nextExpiryCheckMs = wall + EXPIRY_CHECK_MS;
            expire(wall - expiryMs);
        }
    }

    /** Removes every series that received nothing since {@code cutoff} from memory and every store. */
    private void expire(long cutoff) {
        for (Iterator<Map.Entry<String, TargetEntry>> ti = targets.entrySet().iterator(); ti.hasNext(); ) {
            Map.Entry<String, TargetEntry> target = ti.next();
            TargetEntry entry = target.getValue();
            boolean changed = false;
            for (Iterator<Series> si = entry.series.iterator(); si.hasNext(); ) {
                Series s = si.next();
                if (s.rec().lastSeenMs < cutoff && s.rec().open.isEmpty()) {
                    series.delete(s.key());
                    entry.forget(s.type(), s.canary());
                    si.remove();
                    seriesCount--;
                    changed = true;
                    if (!entry.hasType(s.type())) {
                        entry.forget(s.type(), null);
                    }
                }
            }
            if (entry.series.isEmpty()) {
                latest.delete(target.getKey());
                forgetHistory(target.getKey());
                ti.remove();
            } else if (changed) {
                latest.put(target.getKey(), entry.latest);
            }
        }
    }

    /** Deletes a target's history: its windows would otherwise stay until the retention drops them. */
    private void forgetHistory(String target) {
        List<Long> starts = new ArrayList<>();
        try (WindowStoreIterator<List<CanaryAggregate>> it = history.fetch(target, 0L, Long.MAX_VALUE)) {
            it.forEachRemaining(kv -> starts.add(kv.key));
        }
        starts.forEach(start -> history.put(target, null, start));
    }
}

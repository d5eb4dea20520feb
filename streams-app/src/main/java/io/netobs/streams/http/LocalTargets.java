package io.netobs.streams.http;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.Status;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.SeriesKeys;
import io.netobs.streams.canary.state.SeriesRecord;
import io.netobs.streams.canary.state.SeriesState;
import io.netobs.streams.path.PathQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** {@link TargetQueries} over this instance's own stores only. */
public final class LocalTargets implements TargetQueries {
    private static final StringSerializer KEYS = new StringSerializer();
    private final LocalStores stores;
    private final PathQueries paths;
    private final Clock clock;
    private final long windowMs;

    /**
     * @param clock      "now" for the states of {@link #status()}
     * @param windowSize the app's window size (NETOBS_WINDOW_SIZE)
     */
    public LocalTargets(LocalStores stores, Clock clock, Duration windowSize) {
        this.stores = stores;
        this.paths = new PathQueries(stores);
        this.clock = clock;
        this.windowMs = windowSize.toMillis();
    }

    @Override
    public List<TargetView> all() {
        Map<String, Builder> byTarget = new TreeMap<>();
        ReadOnlyKeyValueStore<String, SeriesRecord> series = stores.keyValue(CanaryNames.STORE_SERIES);
        try (KeyValueIterator<String, SeriesRecord> it = series.all()) {
            it.forEachRemaining(kv -> {
                String[] k = SeriesKeys.parse(kv.key);
                byTarget.computeIfAbsent(k[0], t -> new Builder()).series.add(view(k[1], k[2], kv.value.last));
            });
        }
        ReadOnlyKeyValueStore<String, List<CanaryAggregate>> latest = stores.keyValue(CanaryNames.STORE_LATEST);
        try (KeyValueIterator<String, List<CanaryAggregate>> it = latest.all()) {
            it.forEachRemaining(kv -> byTarget.computeIfAbsent(kv.key, t -> new Builder()).windows.addAll(kv.value));
        }
        List<TargetView> out = new ArrayList<>(byTarget.size());
        byTarget.forEach((target, b) -> out.add(b.build(target)));
        return out;
    }

    @Override
    public Optional<TargetView> target(String target) {
        String prefix = SeriesKeys.targetPrefix(target);
        Builder b = new Builder();
        ReadOnlyKeyValueStore<String, SeriesRecord> series = stores.keyValue(CanaryNames.STORE_SERIES);
        try (KeyValueIterator<String, SeriesRecord> it = series.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> {
                String[] k = SeriesKeys.parse(kv.key);
                b.series.add(view(k[1], k[2], kv.value.last));
            });
        }
        ReadOnlyKeyValueStore<String, List<CanaryAggregate>> latest = stores.keyValue(CanaryNames.STORE_LATEST);
        List<CanaryAggregate> windows = latest.get(target);
        if (windows != null) {
            b.windows.addAll(windows);
        }
        return b.series.isEmpty() && b.windows.isEmpty() ? Optional.empty() : Optional.of(b.build(target));
    }

    @Override
    public Optional<TargetHistory> history(String target) {
        ReadOnlyKeyValueStore<String, List<CanaryAggregate>> latest = stores.keyValue(CanaryNames.STORE_LATEST);
        if (latest.get(target) == null) {
            return Optional.empty();
        }
        ReadOnlyWindowStore<String, List<CanaryAggregate>> history = stores.window(CanaryNames.STORE_HISTORY);
        List<CanaryAggregate> windows = new ArrayList<>();
        try (WindowStoreIterator<List<CanaryAggregate>> it = history.fetch(target, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> windows.addAll(kv.value));
        }
        windows.sort(Comparator.comparingLong(CanaryAggregate::windowStartMs)
                .thenComparing(CanaryAggregate::type)
                .thenComparing(a -> a.canaryId() == null ? "" : a.canaryId()));
        return Optional.of(new TargetHistory(target, windows));
    }

    @Override
    public Optional<TargetPaths> paths(String target) {
        Map<String, PathQueries.CurrentPath> byCanary = paths.path(target);
        return byCanary.isEmpty() ? Optional.empty()
                : Optional.of(new TargetPaths(target, List.copyOf(byCanary.values())));
    }

    @Override
    public List<TargetStatus> status() {
        long now = clock.millis();
        Map<String, Row> rows = new TreeMap<>();
        ReadOnlyKeyValueStore<String, SeriesRecord> series = stores.keyValue(CanaryNames.STORE_SERIES);
        try (KeyValueIterator<String, SeriesRecord> it = series.all()) {
            it.forEachRemaining(kv -> {
                String[] k = SeriesKeys.parse(kv.key);
                SeriesState s = kv.value.last;
                rows.computeIfAbsent(SeriesKeys.of(k[0], k[1], null), key -> new Row(k[0], k[1])).canaries.add(
                        new StatusRules.CanaryLast(k[2], s.lastResultMs == Long.MIN_VALUE ? null : s.lastResultMs,
                                s.lastStatus == null ? null : s.lastStatus.name(), s.lastError));
            });
        }
        ReadOnlyKeyValueStore<String, List<CanaryAggregate>> latest = stores.keyValue(CanaryNames.STORE_LATEST);
        try (KeyValueIterator<String, List<CanaryAggregate>> it = latest.all()) {
            it.forEachRemaining(kv -> kv.value.forEach(a -> {
                if (a.canaryId() == null) {
                    rows.computeIfAbsent(SeriesKeys.of(a.target(), a.type(), null), key -> new Row(a.target(), a.type()))
                            .latest = a;
                }
            }));
        }
        ReadOnlyWindowStore<String, List<CanaryAggregate>> history = stores.window(CanaryNames.STORE_HISTORY);
        Instant since = Instant.ofEpochMilli(now).minus(StatusRules.RECENT);
        // One range read per target, whatever its number of types and canaries.
        Map<String, List<CanaryAggregate>> recentByTarget = new HashMap<>();
        List<TargetStatus> out = new ArrayList<>(rows.size());
        rows.forEach((acrossKey, row) -> {
            List<CanaryAggregate> recent = new ArrayList<>();
            if (row.latest != null) {
                List<CanaryAggregate> ofTarget = recentByTarget.computeIfAbsent(row.target, t -> {
                    List<CanaryAggregate> all = new ArrayList<>();
                    try (WindowStoreIterator<List<CanaryAggregate>> it = history.fetch(t, since, Instant.ofEpochMilli(now))) {
                        it.forEachRemaining(kv -> all.addAll(kv.value));
                    }
                    return all;
                });
                ofTarget.stream().filter(a -> a.canaryId() == null && a.type().equals(row.type)).forEach(recent::add);
            }
            out.add(StatusRules.evaluate(row.target, row.type, row.canaries, row.latest, recent, now, windowMs));
        });
        out.sort(TargetStatus.PROBLEMS_FIRST);
        return out;
    }

    /** The data of one overview row while it is gathered. */
    private static final class Row {
        final String target;
        final String type;
        final List<StatusRules.CanaryLast> canaries = new ArrayList<>();
        CanaryAggregate latest;

        Row(String target, String type) {
            this.target = target;
            this.type = type;
        }
    }

    static SeriesView view(String type, String canary, SeriesState s) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Status st : Status.values()) {
            totals.put(st.name(), s.statusTotals[st.ordinal()]);
        }
        return new SeriesView(type, canary, s.pop, s.lastResultMs == Long.MIN_VALUE ? null : s.lastResultMs,
                s.lastStatus == null ? null : s.lastStatus.name(), s.lastError, totals, s.latencyMs,
                s.packetLossPercent, s.httpStatusCode, s.httpResponseSizeBytes, s.httpContentMatch, s.httpPhasesMs,
                s.certExpiryTimestampSeconds, s.dnsAnswers, s.dnsRcode);
    }

    private static final class Builder {
        final List<CanaryAggregate> windows = new ArrayList<>();
        final List<SeriesView> series = new ArrayList<>();

        TargetView build(String target) {
            windows.sort(Comparator.comparing(CanaryAggregate::type)
                    .thenComparing(a -> a.canaryId() == null ? "" : a.canaryId()));
            return new TargetView(target, List.copyOf(windows), List.copyOf(series));
        }
    }
}

package io.netobs.streams;

import io.netobs.schema.Topics;
import io.netobs.streams.canary.InputWatch;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Answers {@link InputWatch} from the metrics of this instance's main consumers (one per stream
 * thread): the brokers answer when a consumer's count of fetch responses ({@code fetch-total}) grew
 * within the last few seconds (an idle consumer gets an empty response every {@code fetch.max.wait.ms},
 * half a second by default); a partition has something left to read while its {@code records-lag},
 * updated with every fetch response, is above 0. Read at most every 250 ms: each task asks once per
 * punctuation, and building the metrics map costs more than a lookup.
 */
final class FetchWatch implements InputWatch {
    static final long ANSWERED_WITHIN_MS = 3000;
    private static final long REFRESH_MS = 250;
    private static final String GROUP = "consumer-fetch-manager-metrics";

    private final Set<String> inputTopics;
    private final LongSupplier clock;
    private volatile Supplier<Map<MetricName, ? extends Metric>> metrics;
    private long refreshedAt = Long.MIN_VALUE / 2;
    private double fetches = -1;
    private long fetchesGrewAt;
    private Set<Integer> lagging = Set.of();

    /** @param applicationId names the repartition topic, which is input like canary-results */
    FetchWatch(String applicationId, LongSupplier clock) {
        // The metrics' topic tag has '.' replaced by '_'.
        this.inputTopics = Set.of(Topics.CANARY_RESULTS.replace('.', '_'),
                (applicationId + "-" + io.netobs.streams.canary.CanaryNames.REPARTITION_BY_TARGET + "-repartition").replace('.', '_'));
        this.clock = clock;
    }

    /** Where the metrics come from, once the Streams client exists; until then silence is trusted. */
    void attach(Supplier<Map<MetricName, ? extends Metric>> source) {
        this.metrics = source;
    }

    @Override
    public synchronized boolean mayBeQuiet(int partition) {
        Supplier<Map<MetricName, ? extends Metric>> source = metrics;
        if (source == null) {
            return true;
        }
        long now = clock.getAsLong();
        if (now - refreshedAt >= REFRESH_MS) {
            refresh(source.get(), now);
        }
        return now - fetchesGrewAt <= ANSWERED_WITHIN_MS && !lagging.contains(partition);
    }

    private void refresh(Map<MetricName, ? extends Metric> all, long now) {
        refreshedAt = now;
        double total = 0;
        Set<Integer> behind = new HashSet<>();
        for (Map.Entry<MetricName, ? extends Metric> e : all.entrySet()) {
            MetricName name = e.getKey();
            if (!GROUP.equals(name.group()) || !mainConsumer(name.tags().get("client-id"))) {
                continue;
            }
            if (name.name().equals("fetch-total") && !name.tags().containsKey("topic")) {
                total += number(e.getValue());
            } else if (name.name().equals("records-lag") && inputTopics.contains(name.tags().get("topic"))
                    && number(e.getValue()) > 0) {
                behind.add(Integer.parseInt(name.tags().get("partition")));
            }
        }
        if (total != fetches) {
            fetches = total;
            fetchesGrewAt = now;
        }
        lagging = behind;
    }

    /** A stream thread's main consumer; not its restore consumer, not the global one. */
    private static boolean mainConsumer(String clientId) {
        return clientId != null && clientId.endsWith("-consumer") && !clientId.endsWith("-restore-consumer")
                && !clientId.endsWith("-global-consumer");
    }

    private static double number(Metric m) {
        return m.metricValue() instanceof Number n ? n.doubleValue() : 0;
    }
}

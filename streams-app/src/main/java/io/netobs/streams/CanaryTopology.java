package io.netobs.streams;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The canary part of the topology:
 * <pre>
 * canary-results ─ split by "key is the target"
 *   ├─ yes ───────────────────────────────────────────────┐
 *   └─ no (the seed sends no key) ─ selectKey(target) ─ repartition "canary-by-target" ─ merge
 *        ─ admission (label bound, late count, event time)
 *            ├─ last values (cumulative status counts, seed gauges)      [kv store]
 *            └─ tumbling window per target ─ suppress until close ─ latest windows [kv store]
 *                                                     └─ canary-aggregates
 * </pre>
 */
public final class CanaryTopology {
    private CanaryTopology() {
    }

    public static void addTo(StreamsBuilder builder, AppConfig cfg) {
        Serde<String> strings = Serdes.String();
        Serde<CanaryResult> results = StoreSerdes.strictResults();
        addStores(builder);

        Map<String, KStream<String, CanaryResult>> branches = builder
                .stream(Topics.CANARY_RESULTS, Consumed.with(strings, results)
                        .withTimestampExtractor(new CanaryTimestampExtractor())
                        .withName(Names.SOURCE_RESULTS))
                .split(Named.as(Names.SPLIT_BY_KEY))
                // A keyed record is already partitioned by its target: no extra topic, no extra hop.
                .branch((key, r) -> r.target().equals(key), Branched.as(Names.BRANCH_KEYED))
                .defaultBranch(Branched.as(Names.BRANCH_UNKEYED));

        KStream<String, CanaryResult> rekeyed = branches.get(Names.SPLIT_BY_KEY + Names.BRANCH_UNKEYED)
                .selectKey((key, r) -> r.target(), Named.as(Names.REKEY_BY_TARGET))
                .repartition(Repartitioned.with(strings, PayloadSerdes.CANARY_RESULT)
                        .withName(Names.REPARTITION_BY_TARGET));

        KStream<String, Observation> admitted = branches.get(Names.SPLIT_BY_KEY + Names.BRANCH_KEYED)
                .merge(rekeyed, Named.as(Names.MERGE))
                .processValues(() -> new AdmissionProcessor(cfg.windowSize(), cfg.windowGrace(), cfg.maxSeries()),
                        Named.as(Names.ADMISSION), Names.STORE_KNOWN_SERIES, Names.STORE_PIPELINE_COUNTERS);

        admitted.processValues(LastValuesProcessor::new, Named.as(Names.LAST_VALUES), Names.STORE_LAST_VALUES);

        admitted.groupByKey(Grouped.with(Names.WINDOW_GROUP, strings, StoreSerdes.OBSERVATION))
                .windowedBy(TimeWindows.ofSizeAndGrace(cfg.windowSize(), cfg.windowGrace()))
                .aggregate(TargetWindow::new,
                        (target, o, window) -> window.add(o.result(), o.eventTimeMs()),
                        Named.as(Names.WINDOW_AGGREGATE),
                        Materialized.<String, TargetWindow, WindowStore<Bytes, byte[]>>as(Names.STORE_WINDOWS)
                                .withKeySerde(strings)
                                .withValueSerde(StoreSerdes.TARGET_WINDOW)
                                .withRetention(cfg.windowRetention()))
                // Final results only, each window once when stream time passes its end + grace.
                // Not emitStrategy(onWindowClose()): it checks for closed windows at most once a
                // wall-clock second and only when a record arrives, so the last windows before a
                // pause stayed unpublished (seen in CanaryPipelineIT), and a jump in stream time
                // beyond the store's retention dropped windows before they were emitted (seen in
                // the driver tests). The suppression buffer holds one value per open window and
                // target, in memory and changelogged; NETOBS_MAX_SERIES bounds it.
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())
                        .withName(Names.WINDOW_SUPPRESS))
                .toStream(Named.as(Names.WINDOW_TO_STREAM))
                .processValues(LatestWindowsProcessor::new, Named.as(Names.LATEST_WINDOWS), Names.STORE_LATEST_WINDOWS)
                .flatMap((window, aggregates) -> keyed(aggregates), Named.as(Names.EXPLODE_AGGREGATES))
                .to(Topics.CANARY_AGGREGATES, Produced.with(strings, PayloadSerdes.CANARY_AGGREGATE)
                        .withName(Names.SINK_AGGREGATES));
    }

    /** Key on canary-aggregates: window start (ms), target, type and, per canary, the canary id. */
    static String aggregateKey(CanaryAggregate a) {
        return a.windowStartMs() + "|" + a.target() + "|" + a.type() + (a.canaryId() == null ? "" : "|" + a.canaryId());
    }

    private static List<KeyValue<String, CanaryAggregate>> keyed(List<CanaryAggregate> aggregates) {
        return aggregates.stream().map(a -> KeyValue.pair(aggregateKey(a), a)).collect(Collectors.toList());
    }

    private static void addStores(StreamsBuilder builder) {
        Serde<String> strings = Serdes.String();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_KNOWN_SERIES), strings, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_PIPELINE_COUNTERS), strings, Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_LAST_VALUES), strings, StoreSerdes.TARGET_STATE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Names.STORE_LATEST_WINDOWS), strings, StoreSerdes.LATEST_WINDOWS));
    }
}

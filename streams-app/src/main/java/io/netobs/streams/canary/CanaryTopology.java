package io.netobs.streams.canary;

import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.BoundedTimestampExtractor;
import io.netobs.streams.canary.state.WindowsCodec;
import io.netobs.streams.canary.state.SeriesRecordCodec;
import io.netobs.streams.path.PathTopology;
import io.netobs.streams.state.CheckpointFileWindowStore;
import io.netobs.streams.state.WriteBackStores;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The canary part of the topology:
 * <pre>
 * canary-results (bytes) ─ decode: parse once, validate, bound event time ──(refused: dead letter)
 *   ├─ key is the target ───────────────────────────────────────────────────┐
 *   └─ no key (the seed sends none) ─ re-key by target ─ "canary-by-target" ─┴─ windows ─ canary-aggregates
 *                                                                            │   (series, latest, history, counters)
 *                                                                            └─ traceroute paths ─ path-events (path/)
 * </pre>
 * One named repartition, only for records whose key is not their target; it carries the parsed
 * observation in the state encoding, so nothing is parsed twice.
 */
public final class CanaryTopology {
    private CanaryTopology() {
    }

    public static void addTo(StreamsBuilder builder, AppConfig cfg) {
        addTo(builder, cfg, InputWatch.TRUST_SILENCE);
    }

    /** @param input tells the window processor whether a silence of its input is quiet (see {@link InputWatch}) */
    public static void addTo(StreamsBuilder builder, AppConfig cfg, InputWatch input) {
        addStores(builder, cfg);
        UnkeyedInput unkeyed = new UnkeyedInput();
        KStream<String, Observation> decoded = builder
                .stream(Topics.CANARY_RESULTS, Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withTimestampExtractor(new BoundedTimestampExtractor(cfg.maxClockSkew()))
                        .withName(CanaryNames.SOURCE_RESULTS))
                .processValues(() -> new DecodeProcessor(cfg, unkeyed), Named.as(CanaryNames.DECODE), CanaryNames.STORE_COUNTERS);

        Map<String, KStream<String, Observation>> branches = decoded
                .split(Named.as(CanaryNames.SPLIT_BY_KEY))
                // A keyed record is already partitioned by its target: no extra topic, no extra hop.
                .branch((key, o) -> o.result().target().equals(key), Branched.as(CanaryNames.BRANCH_KEYED))
                .defaultBranch(Branched.as(CanaryNames.BRANCH_UNKEYED));

        KStream<String, Observation> rekeyed = branches.get(CanaryNames.SPLIT_BY_KEY + CanaryNames.BRANCH_UNKEYED)
                .selectKey((key, o) -> o.result().target(), Named.as(CanaryNames.REKEY_BY_TARGET))
                .repartition(Repartitioned.with(Serdes.String(), ObservationCodec.INSTANCE)
                        .withName(CanaryNames.REPARTITION_BY_TARGET));

        KStream<String, Observation> byTarget = branches.get(CanaryNames.SPLIT_BY_KEY + CanaryNames.BRANCH_KEYED)
                .merge(rekeyed, Named.as(CanaryNames.MERGE));
        byTarget.process(() -> new WindowProcessor(cfg, input, unkeyed), Named.as(CanaryNames.WINDOWS), CanaryNames.STORE_SERIES,
                        CanaryNames.STORE_LATEST, CanaryNames.STORE_HISTORY, CanaryNames.STORE_COUNTERS)
                .to(Topics.CANARY_AGGREGATES, Produced.with(Serdes.String(), PayloadSerdes.CANARY_AGGREGATE)
                        .withName(CanaryNames.SINK_AGGREGATES));
        PathTopology.addTo(builder, byTarget, cfg); // traceroute paths per (target, canary): see path/
    }

    private static void addStores(StreamsBuilder builder, AppConfig cfg) {
        // Written back at commit: a busy series is encoded and written once per commit, not once per
        // result. The window processor keeps both in memory and never reads them back.
        builder.addStateStore(WriteBackStores.persistent(CanaryNames.STORE_SERIES, SeriesRecordCodec.INSTANCE));
        builder.addStateStore(WriteBackStores.persistent(CanaryNames.STORE_LATEST, WindowsCodec.INSTANCE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CanaryNames.STORE_COUNTERS),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        // One entry per target and closed window; segments older than the retention are dropped whole
        // (no per-entry deletes), which is what a window store is for. Its changelog offset is kept in a
        // checkpoint file: a partition without a closed window has no segment to keep it in (see the class).
        builder.addStateStore(Stores.windowStoreBuilder(CheckpointFileWindowStore.of(Stores.persistentWindowStore(
                CanaryNames.STORE_HISTORY, cfg.windowRetention(), cfg.windowSize(), false)), Serdes.String(), WindowsCodec.INSTANCE));
    }
}

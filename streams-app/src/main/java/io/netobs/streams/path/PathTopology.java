package io.netobs.streams.path;

import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.streams.AppConfig;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.Observation;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The path analysis' part of the topology: a second consumer of the canary pipeline's parsed,
 * target-keyed results (so no extra topic, no second parse), one store, and the path-events sink.
 * It shares the canary task's counter store for its dead letters and refused series.
 */
public final class PathTopology {
    private PathTopology() {
    }

    /** @param byTarget the canary results keyed by target, keyed and repartitioned ones merged */
    public static void addTo(StreamsBuilder builder, KStream<String, Observation> byTarget, AppConfig cfg) {
        // Cached: a series is written once per commit at most, whatever its result rate.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PathNames.STORE_PATHS),
                Serdes.String(), PathRecordCodec.INSTANCE).withCachingEnabled());
        byTarget.process(() -> new PathProcessor(cfg), Named.as(PathNames.PROCESSOR), PathNames.STORE_PATHS,
                        CanaryNames.STORE_COUNTERS)
                .to(Topics.PATH_EVENTS, Produced.with(Serdes.String(), PayloadSerdes.PATH_EVENT)
                        .withName(PathNames.SINK_EVENTS));
    }
}

package io.netobs.streams.path;

import static io.netobs.streams.path.PathChangeTest.TR;
import static io.netobs.streams.path.PathChangeTest.minute;
import static io.netobs.streams.path.PathDriver.TARGET;
import static io.netobs.streams.path.PathDriver.traceroute;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.PathEvent;
import io.netobs.streams.AppConfig;
import io.netobs.streams.canary.CanaryNames;
import io.netobs.streams.canary.Observation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** A new processor instance on the same stores (a restart) goes on where the last one stopped. */
class PathProcessorRestartTest {
    private final List<StateStore> stores = List.of(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PathNames.STORE_PATHS), Serdes.String(),
                    PathRecordCodec.INSTANCE).withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CanaryNames.STORE_COUNTERS), Serdes.String(),
                    Serdes.Long()).withLoggingDisabled().build());
    private MockProcessorContext<String, PathEvent> context;
    private PathProcessor processor;

    private void start(boolean first) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "path-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        context = new MockProcessorContext<>(p);
        if (first) {
            stores.forEach(s -> s.init(context.getStateStoreContext(), s));
        }
        stores.forEach(context::addStateStore);
        context.setCurrentSystemTimeMs(minute(10).toEpochMilli());
        processor = new PathProcessor(AppConfig.fromEnv(Map.of(), Optional.empty()));
        processor.init(context);
    }

    private List<PathEvent> send(CanaryResult r) {
        long t = Instant.parse(r.timestamp()).toEpochMilli();
        context.resetForwards();
        processor.process(new Record<>(TARGET, new Observation(r, t, 0), t));
        return context.forwarded().stream().<PathEvent>map(f -> f.record().value()).toList();
    }

    @Test
    void shouldCloseAfterARestartTheChangeOpenedBeforeIt() {
        start(true);
        send(traceroute("traceroute-a.txt", TR, minute(1)));
        PathEvent opened = send(traceroute("traceroute-b.txt", TR, minute(2))).get(0);

        start(false);
        assertThat(send(traceroute("traceroute-b.txt", TR, minute(2)))).as("still the newest result").isEmpty();
        List<PathEvent> back = send(traceroute("traceroute-a.txt", TR, minute(3)));
        assertThat(back).extracting(PathEvent::id, PathEvent::closeReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(opened.id(), PathEvent.CloseReason.RETURNED));
        assertThat(back.get(0).oldPath()).isEqualTo(opened.oldPath());
    }
}

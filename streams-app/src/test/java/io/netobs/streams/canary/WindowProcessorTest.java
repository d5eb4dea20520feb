package io.netobs.streams.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;
import io.netobs.streams.AppConfig;
import io.netobs.streams.canary.state.WindowsCodec;
import io.netobs.streams.canary.state.SeriesRecordCodec;
import io.netobs.streams.state.Counters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The window processor alone, on in-memory stores, where a test chooses each result's input
 * partition (the driver only has one) and can stop and start the processor on the same stores.
 */
class WindowProcessorTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Two input partitions feed the task, as a repartition does. */
    private static final AppConfig CFG = AppConfig.fromEnv(Map.of(), Optional.empty())
            .withWindows(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(10)).withInputPartitions(2);

    /** The stores of one task, kept across processor instances (a restart). */
    private static final class Task {
        final List<StateStore> stores = new ArrayList<>();
        final List<CanaryAggregate> published = new ArrayList<>();
        MockProcessorContext<String, CanaryAggregate> context;
        WindowProcessor processor;
        /** What the consumer would say: false while the brokers are unreachable or the task's input lags. */
        boolean inputMayBeQuiet = true;

        Task() {
            MockProcessorContext<String, CanaryAggregate> ctx = context();
            stores.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CanaryNames.STORE_SERIES),
                    Serdes.String(), SeriesRecordCodec.INSTANCE).withLoggingDisabled().build());
            stores.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CanaryNames.STORE_LATEST),
                    Serdes.String(), WindowsCodec.INSTANCE).withLoggingDisabled().build());
            stores.add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CanaryNames.STORE_COUNTERS),
                    Serdes.String(), Serdes.Long()).withLoggingDisabled().build());
            stores.add(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(CanaryNames.STORE_HISTORY,
                    CFG.windowRetention(), CFG.windowSize(), false), Serdes.String(), WindowsCodec.INSTANCE)
                    .withLoggingDisabled().build());
            stores.forEach(s -> s.init(ctx.getStateStoreContext(), s));
            start(ctx, T0);
        }

        private static MockProcessorContext<String, CanaryAggregate> context() {
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "window-test");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
            return new MockProcessorContext<>(p);
        }

        private void start(MockProcessorContext<String, CanaryAggregate> ctx, Instant wall) {
            context = ctx;
            stores.forEach(ctx::addStateStore);
            ctx.setCurrentSystemTimeMs(wall.toEpochMilli());
            processor = new WindowProcessor(CFG, partition -> inputMayBeQuiet);
            processor.init(ctx);
        }

        /** A new processor instance on the same stores, as after a clean stop and start. */
        void restart() {
            collect();
            start(context(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
        }

        /** A result repartitioned from input {@code partition}. */
        void result(int partition, String target, double latency, Instant at) {
            send("window-test-canary-by-target-repartition", partition, target, latency, at);
        }

        /** A keyed result, read directly from the task's own input partition. */
        void keyed(String target, double latency, Instant at) {
            send("canary-results", 0, target, latency, at);
        }

        private void send(String topic, int partition, String target, double latency, Instant at) {
            CanaryResult r = CanaryResult.builder("ping", "c1", target, at, Status.SUCCESS).rttAvgMs(latency).build();
            context.setRecordMetadata(topic, partition, 0);
            processor.process(new Record<>(target, new Observation(r, at.toEpochMilli(), partition), at.toEpochMilli()));
        }

        void wallClock(Instant wall) {
            context.setCurrentSystemTimeMs(wall.toEpochMilli());
            context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(wall.toEpochMilli()));
        }

        List<CanaryAggregate> collect() {
            context.forwarded().forEach(f -> published.add((CanaryAggregate) f.record().value()));
            context.resetForwards();
            return published;
        }

        /** What was published since the last call. */
        List<CanaryAggregate> drain() {
            List<CanaryAggregate> out = new ArrayList<>(collect());
            published.clear();
            return out;
        }

        long late() {
            Long v = this.<KeyValueStore<String, Long>>store(2).get(Counters.LATE);
            return v == null ? 0 : v;
        }

        @SuppressWarnings("unchecked")
        <S> S store(int i) {
            return (S) stores.get(i);
        }
    }

    @Test
    void shouldWaitForTheSlowestInputPartitionBeforeClosingAWindow() {
        Task task = new Task();
        // Partition 0's upstream task ran ahead by two minutes; partition 1's results arrive after.
        for (int s = 0; s < 120; s += 2) {
            task.result(0, "fast", 10, T0.plusSeconds(s));
        }
        for (int s = 0; s < 120; s += 2) {
            task.result(1, "slow", 20, T0.plusSeconds(s));
        }
        assertThat(task.late()).as("nothing of the slow partition is late").isZero();
        List<CanaryAggregate> out = task.collect();
        assertThat(out).filteredOn(a -> a.target().equals("slow") && a.canaryId() != null)
                .extracting(CanaryAggregate::count).containsOnly(5L).hasSize(11); // [110, 120) still open
        assertThat(out).filteredOn(a -> a.target().equals("fast") && a.canaryId() != null).hasSize(11);
    }

    @Test
    void shouldStopWaitingForAnInputPartitionThatWentQuiet() {
        Task task = new Task();
        task.result(1, "slow", 20, T0.plusSeconds(1));
        for (int s = 2; s <= 28; s += 2) {
            task.wallClock(T0.plusSeconds(s));
            task.result(0, "fast", 10, T0.plusSeconds(s));
        }
        assertThat(task.collect()).as("partition 1 still counts: its window [0, 10) may yet receive results").isEmpty();

        task.wallClock(T0.plusSeconds(31)); // partition 1 quiet for NETOBS_IDLE_CLOSE_AFTER (30 s)
        task.result(0, "fast", 10, T0.plusSeconds(31));
        assertThat(task.collect()).extracting(CanaryAggregate::target, CanaryAggregate::windowStartMs)
                .as("windows up to [10, 20) of both closed by partition 0 alone").contains(
                        org.assertj.core.groups.Tuple.tuple("slow", T0.toEpochMilli()),
                        org.assertj.core.groups.Tuple.tuple("fast", T0.plusSeconds(10).toEpochMilli()));
        assertThat(task.late()).isZero();
    }

    @Test
    void shouldWaitForAnInputPartitionNotYetHeardFromOnlyForTheIdleTime() {
        Task task = new Task();
        task.result(0, "fast", 10, T0.plusSeconds(1));
        task.result(0, "fast", 10, T0.plusSeconds(25));
        assertThat(task.collect()).as("partition 1 not heard from since the start").isEmpty();
        task.wallClock(T0.plusSeconds(30));
        assertThat(task.collect()).extracting(CanaryAggregate::windowStartMs).containsOnly(T0.toEpochMilli());
        assertThat(task.late()).isZero();
    }

    @Test
    void shouldNotWaitForOtherPartitionsWhileAllResultsAreKeyed() {
        Task task = new Task();
        task.keyed("t1", 10, T0.plusSeconds(1));
        task.keyed("t1", 10, T0.plusSeconds(20));
        assertThat(task.collect()).extracting(CanaryAggregate::windowStartMs).containsOnly(T0.toEpochMilli());
    }

    @Test
    void shouldJudgeEveryResultAlikeWhetherOrNotTheProcessorRestarted() {
        Task straight = new Task();
        Task restarted = new Task();
        for (Task task : List.of(straight, restarted)) {
            for (int s = 0; s < 60; s += 3) {
                task.result(s % 2, "t" + (s % 4), s, T0.plusSeconds(s));
                if (task == restarted && s == 30) {
                    task.restart();
                }
            }
            // After the restart: results of a window already closed, and of one still open.
            task.result(0, "t1", 7, T0.plusSeconds(12));
            task.result(1, "t1", 8, T0.plusSeconds(52));
            task.result(0, "t2", 9, T0.plusSeconds(90));
            task.result(1, "t3", 9, T0.plusSeconds(90));
        }
        assertThat(restarted.late()).isEqualTo(straight.late()).isEqualTo(1);
        assertThat(restarted.collect()).isEqualTo(straight.collect()).hasSizeGreaterThan(10);
    }

    @Test
    void shouldNotCloseWindowsByTheWallClockWhileTheBrokersAreUnreachable() {
        Task task = new Task();
        task.keyed("t1", 10, T0.plusSeconds(1));
        task.keyed("t1", 10, T0.plusSeconds(12));
        task.inputMayBeQuiet = false; // the outage: nothing arrives, and silence is not quiet
        for (int s = 13; s <= 90; s++) {
            task.wallClock(T0.plusSeconds(s));
        }
        assertThat(task.drain()).as("[10, 20) is still open after 78 s without results").isEmpty();

        task.inputMayBeQuiet = true; // the brokers answer again; what the producers held arrives
        task.wallClock(T0.plusSeconds(91));
        task.keyed("t1", 30, T0.plusSeconds(15));
        task.keyed("t1", 30, T0.plusSeconds(40));
        assertThat(task.late()).as("results held during the outage count in their windows").isZero();
        assertThat(task.drain()).filteredOn(a -> a.canaryId() != null)
                .extracting(CanaryAggregate::windowStartMs, CanaryAggregate::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0.toEpochMilli(), 1L),
                        org.assertj.core.groups.Tuple.tuple(T0.plusSeconds(10).toEpochMilli(), 2L));
        // Quiet from now on: the last window closes by the wall clock, once the idle time has passed.
        task.wallClock(T0.plusSeconds(91 + 29));
        assertThat(task.drain()).isEmpty();
        task.wallClock(T0.plusSeconds(91 + 31));
        assertThat(task.drain()).filteredOn(a -> a.canaryId() != null).extracting(CanaryAggregate::windowStartMs)
                .containsExactly(T0.plusSeconds(40).toEpochMilli());
    }

    @Test
    void shouldKeepWaitingForASilentInputPartitionWhileTheTaskHasABacklog() {
        Task task = new Task();
        task.result(1, "slow", 20, T0.plusSeconds(1));
        task.result(0, "fast", 10, T0.plusSeconds(28));
        task.inputMayBeQuiet = false; // records are waiting in the consumer, not yet handed to this task
        for (int s = 1; s <= 45; s++) {
            task.wallClock(T0.plusSeconds(s));
        }
        task.inputMayBeQuiet = true;
        task.result(1, "slow", 20, T0.plusSeconds(3)); // the backlog
        assertThat(task.late()).isZero();
        assertThat(task.drain()).as("partition 1 held the watermark through the backlog").isEmpty();
    }

    @Test
    void shouldStillStopWaitingForASilentPartitionWhileTheTaskIsBusy() {
        // Lag comes and goes with every fetch of a busy partition: it must not keep a silent one alive.
        Task task = new Task();
        task.inputMayBeQuiet = false;
        task.result(1, "slow", 20, T0.plusSeconds(1));
        for (int s = 2; s <= 40; s++) {
            task.result(0, "fast", 10, T0.plusSeconds(s));
            task.wallClock(T0.plusSeconds(s));
        }
        assertThat(task.drain()).extracting(CanaryAggregate::target, CanaryAggregate::windowStartMs)
                .contains(org.assertj.core.groups.Tuple.tuple("slow", T0.toEpochMilli()));
    }
}

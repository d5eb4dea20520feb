package io.netobs.canary;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.probe.Outcome;
import io.netobs.canary.probe.Probe;
import io.netobs.canary.probe.ProbeRun;
import io.netobs.schema.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    /** A probe that takes {@code workMs} and records how many runs overlap, per target and overall. */
    static final class SlowProbe implements Probe {
        final long workMs;
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();
        final Map<String, AtomicInteger> perTarget = new ConcurrentHashMap<>();
        final AtomicInteger maxPerTarget = new AtomicInteger();

        SlowProbe(long workMs) {
            this.workMs = workMs;
        }

        @Override
        public String type() {
            return "tcp";
        }

        @Override
        public Outcome run(ProbeRun run) {
            AtomicInteger t = perTarget.computeIfAbsent(run.target(), k -> new AtomicInteger());
            maxPerTarget.accumulateAndGet(t.incrementAndGet(), Math::max);
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(workMs); // simulated probe work, not a wait for a result
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            t.decrementAndGet();
            runs.incrementAndGet();
            return Outcome.success(run.result(Status.SUCCESS).latencyMs((double) workMs));
        }
    }

    private static AgentConfig config(Probe probe, int targets, Duration interval, int concurrency) {
        List<AgentConfig.Target> ts = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            ts.add(new AgentConfig.Target("127.0.0.1:" + (10000 + i), Map.of()));
        }
        var group = new AgentConfig.ProbeGroup("tcp", "c1", probe, interval, interval.dividedBy(2), ts);
        return new AgentConfig("test", "c1", null, "canary-results", Path.of("unused"), 1 << 20, concurrency, List.of(group));
    }

    private static void await(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(end);
            Thread.sleep(10);
        }
    }

    @Test
    void shouldSpreadTargetsEvenlyOverTheInterval() {
        int[] buckets = new int[10];
        for (int i = 0; i < 1000; i++) {
            buckets[(int) (Scheduler.offsetMs("http", "http://127.0.0.1:8080/t" + i, 5000) / 500)]++;
        }
        assertThat(java.util.Arrays.stream(buckets).boxed().toList()).allSatisfy(b -> assertThat(b).isBetween(60, 140));
        assertThat(Scheduler.offsetMs("http", "x", 5000)).isEqualTo(Scheduler.offsetMs("http", "x", 5000));
    }

    @Test
    void shouldComputeTheNextDueTimeOnTheTargetsPhase() {
        assertThat(Scheduler.nextDue(10_500, 300, 1000)).isEqualTo(11_300);
        assertThat(Scheduler.nextDue(10_300, 300, 1000)).isEqualTo(11_300);
        assertThat(Scheduler.nextDue(10_299, 300, 1000)).isEqualTo(10_300);
    }

    @Test
    void shouldNeverOverlapRunsOfOneTargetAndCountMissedSlots() throws Exception {
        SlowProbe probe = new SlowProbe(250);
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        List<ProbeRun> published = java.util.Collections.synchronizedList(new ArrayList<>());
        Scheduler s = new Scheduler(config(probe, 2, Duration.ofMillis(100), 8), (r, o) -> published.add(r), metrics).start();
        try {
            await(() -> probe.runs.get() >= 8);
        } finally {
            s.close();
        }
        assertThat(probe.maxPerTarget.get()).isEqualTo(1);
        assertThat(metrics.registry().get("netobs.agent.schedule.missed").counter().count()).isPositive();
        assertThat(published).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void shouldBoundConcurrencyAndMeasureLag() throws Exception {
        SlowProbe probe = new SlowProbe(40);
        AgentMetrics metrics = new AgentMetrics(new SimpleMeterRegistry());
        Scheduler s = new Scheduler(config(probe, 30, Duration.ofMillis(200), 3), (r, o) -> { }, metrics).start();
        try {
            await(() -> probe.runs.get() >= 60);
        } finally {
            s.close();
        }
        assertThat(probe.maxRunning.get()).isBetween(2, 3);
        assertThat(metrics.lag().count()).isGreaterThanOrEqualTo(60);
        assertThat(metrics.registry().get("netobs.agent.probes").tag("status", "SUCCESS").counter().count()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void shouldKeepScheduleWhenAProbeThrows() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Probe broken = new Probe() {
            @Override
            public String type() {
                return "tcp";
            }

            @Override
            public Outcome run(ProbeRun run) {
                calls.incrementAndGet();
                throw new IllegalStateException("bug");
            }
        };
        List<Outcome> out = java.util.Collections.synchronizedList(new ArrayList<>());
        Scheduler s = new Scheduler(config(broken, 1, Duration.ofMillis(50), 2), (r, o) -> out.add(o), new AgentMetrics(new SimpleMeterRegistry())).start();
        try {
            await(() -> calls.get() >= 3);
        } finally {
            s.close();
        }
        assertThat(out).isNotEmpty().allSatisfy(o -> {
            assertThat(o.result().status()).isEqualTo(Status.ERROR);
            assertThat(o.reason()).isEqualTo("probe_bug");
        });
    }
}

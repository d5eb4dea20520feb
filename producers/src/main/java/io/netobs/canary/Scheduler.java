package io.netobs.canary;

import io.netobs.canary.config.AgentConfig;
import io.netobs.canary.probe.Outcome;
import io.netobs.canary.probe.ProbeRun;
import io.netobs.schema.Status;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every (probe group, target) at its interval. Each target has a stable start offset inside
 * the interval (a hash of type and target, aligned to the wall clock), so 1,000 targets are spread
 * over the interval instead of firing together, and every agent restart keeps the same phase.
 * A target's next run is scheduled only when its current run has finished, so runs of one target
 * never overlap; a run that overran its slot skips the missed slots (counted). At most
 * {@code max_concurrency} probes run at once; schedule lag is the time from a run's due time to its
 * start, including any wait for a free worker.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    /** Where finished runs go (the publisher). */
    public interface Sink {
        void accept(ProbeRun run, Outcome outcome);
    }

    private final AgentConfig config;
    private final Sink sink;
    private final AgentMetrics metrics;
    private final LongSupplier wallClockMs;
    private final ScheduledThreadPoolExecutor pool;
    private volatile boolean running;

    public Scheduler(AgentConfig config, Sink sink, AgentMetrics metrics) {
        this(config, sink, metrics, System::currentTimeMillis);
    }

    Scheduler(AgentConfig config, Sink sink, AgentMetrics metrics, LongSupplier wallClockMs) {
        this.config = config;
        this.sink = sink;
        this.metrics = metrics;
        this.wallClockMs = wallClockMs;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "netobs-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ScheduledThreadPoolExecutor(config.maxConcurrency(), tf);
        this.pool.setRemoveOnCancelPolicy(true);
        // At shutdown, pending (future) runs are dropped and running ones finish; no interrupts, which
        // would close the spool's FileChannels from inside a probe thread.
        this.pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Stable offset of a target inside its interval: CRC32 spreads similar names (t1, t2, ...) well. */
    static long offsetMs(String type, String target, long intervalMs) {
        CRC32 crc = new CRC32();
        crc.update((type + " " + target).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % intervalMs;
    }

    /** The first due time strictly after {@code nowMs} that is congruent to {@code offsetMs} modulo the interval. */
    static long nextDue(long nowMs, long offsetMs, long intervalMs) {
        return nowMs - Math.floorMod(nowMs - offsetMs, intervalMs) + intervalMs;
    }

    public Scheduler start() {
        running = true;
        List<Job> jobs = new ArrayList<>();
        for (AgentConfig.ProbeGroup g : config.groups()) {
            for (AgentConfig.Target t : g.targets()) {
                jobs.add(new Job(g, t, offsetMs(g.type(), t.target(), g.interval().toMillis())));
            }
        }
        long now = wallClockMs.getAsLong();
        for (Job j : jobs) {
            j.schedule(nextDue(now, j.offsetMs, j.group.interval().toMillis()));
        }
        LOG.info("scheduler: {} targets in {} probe groups, at most {} probes at once", jobs.size(),
                config.groups().size(), config.maxConcurrency());
        return this;
    }

    /** One target of one group; owns its own next-run chain, which is what prevents overlap. */
    private final class Job implements Runnable {
        final AgentConfig.ProbeGroup group;
        final AgentConfig.Target target;
        final long offsetMs;
        long dueMs;
        long dueNanos;

        Job(AgentConfig.ProbeGroup group, AgentConfig.Target target, long offsetMs) {
            this.group = group;
            this.target = target;
            this.offsetMs = offsetMs;
        }

        void schedule(long due) {
            if (!running) {
                return;
            }
            long delay = Math.max(0, due - wallClockMs.getAsLong());
            dueMs = due;
            dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            pool.schedule(this, delay, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!running) {
                return;
            }
            metrics.scheduleLag(System.nanoTime() - dueNanos);
            ProbeRun run = ProbeRun.now(group.type(), target.target(), group.timeout(), group.canaryId(), config.pop(),
                    target.labels());
            Outcome outcome;
            try {
                outcome = group.probe().run(run);
            } catch (RuntimeException e) {
                // A probe bug must not kill the target's schedule.
                LOG.error("{} probe of {} threw", group.type(), target.target(), e);
                outcome = Outcome.of(run.result(Status.ERROR).errorMessage("probe failed: " + e), "probe_bug");
            }
            metrics.probed(group.type(), outcome);
            try {
                sink.accept(run, outcome);
            } catch (RuntimeException e) {
                LOG.error("cannot hand the {} result for {} to the publisher", group.type(), target.target(), e);
            }
            long interval = group.interval().toMillis();
            long next = dueMs + interval;
            long now = wallClockMs.getAsLong();
            if (next <= now) {
                long missed = (now - next) / interval + 1;
                metrics.missed(group.type(), missed);
                next += missed * interval;
            }
            schedule(next);
        }
    }

    @Override
    public void close() {
        running = false;
        pool.shutdown();
        // Probes honour their own deadlines; give the longest one time to finish and be published.
        long maxTimeout = config.groups().stream().mapToLong(g -> g.timeout().toMillis()).max().orElse(1000);
        try {
            if (!pool.awaitTermination(maxTimeout + 2000, TimeUnit.MILLISECONDS)) {
                LOG.warn("scheduler: some probes did not finish within their timeout at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.netobs.canary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netobs.canary.probe.Outcome;
import io.netobs.canary.publish.Drops;
import io.netobs.canary.publish.Spool;
import io.netobs.canary.publish.SpoolSender;
import io.netobs.schema.Status;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * The agent's own Prometheus metrics (names fixed in the shared contracts), on the registry its main
 * built. Labels are only probe types, statuses and fixed reason classes, so their number is bounded
 * whatever the targets are.
 */
public final class AgentMetrics {
    private static final String PROBES_HELP = "Probe runs by probe type and result status";
    private static final String MISSED_HELP = "Scheduled runs skipped because the previous run of the same target was still running";

    private final MeterRegistry registry;
    private final Timer lag;
    private final Counter published;
    private volatile LongConsumer lagTap = n -> { };

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        lag = Timer.builder("netobs.agent.schedule.lag")
                .description("Delay from a probe run's due time to its start, including waiting for a free worker")
                .publishPercentiles(0.5, 0.9, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(2))
                .register(registry);
        published = Counter.builder("netobs.agent.results.published")
                .description("Results acknowledged by Kafka (acks=all) and removed from the spool").register(registry);
    }

    /** Registers the spool gauges and loss counters; called once the spool is open. */
    public void bindSpool(Spool spool) {
        Gauge.builder("netobs.agent.spool.depth", spool, Spool::depth)
                .description("Results spooled on disk and not yet acknowledged by Kafka").register(registry);
        Gauge.builder("netobs.agent.spool.bytes", spool, Spool::bytes).baseUnit("bytes")
                .description("Bytes of undelivered results in the spool").register(registry);
        Gauge.builder("netobs.agent.spool.max.bytes", spool, Spool::maxBytes).baseUnit("bytes")
                .description("Spool bound; results beyond it are dropped").register(registry);
        for (String reason : Drops.REASONS) {
            FunctionCounter.builder("netobs.agent.results.dropped", spool.drops(), d -> d.count(reason))
                    .description("Results lost before delivery, by reason: spool_full (spool at max_bytes), disk_full "
                            + "(writing the spool failed), corrupt (damaged on disk, counted from sequence gaps)")
                    .tag("reason", reason).register(registry);
        }
        FunctionCounter.builder("netobs.agent.spool.quarantined", spool, Spool::quarantinedCheckpoints)
                .description("Damaged spool files or stretches put aside, by kind: checkpoint (renamed aside), "
                        + "segment (bytes saved under quarantine/)")
                .tag("kind", "checkpoint").register(registry);
        FunctionCounter.builder("netobs.agent.spool.quarantined", spool, Spool::quarantinedRegions)
                .description("Damaged spool files or stretches put aside, by kind: checkpoint (renamed aside), "
                        + "segment (bytes saved under quarantine/)")
                .tag("kind", "segment").register(registry);
    }

    /**
     * Exports the run and missed-slot counters of every configured probe type from 0: a series born at
     * 1 hides its first increment from {@code increase()}, so the first failure of a type would not show.
     */
    public void bindProbes(Collection<String> probeTypes) {
        for (String probe : probeTypes) {
            for (Status status : Status.values()) {
                probes(probe, status.name());
            }
            missedCounter(probe);
        }
    }

    /** Registers the refusal counters; called once the sender exists. */
    public void bindSender(SpoolSender sender) {
        for (String reason : SpoolSender.refusalReasons()) {
            FunctionCounter.builder("netobs.agent.results.refused", sender, s -> s.refused().get(reason))
                    .description("Results Kafka refused for good (too_large, invalid_timestamp, invalid_record, other), "
                            + "saved to refused.jsonl in the spool directory and skipped")
                    .tag("reason", reason).register(registry);
        }
    }

    void scheduleLag(long nanos) {
        lag.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
        lagTap.accept(nanos);
    }

    void probed(String probe, Outcome o) {
        probes(probe, o.result().status().name()).increment();
        if (o.reason() != null) {
            Counter.builder("netobs.agent.probe.errors")
                    .description("Probe runs that did not succeed, by probe type and a fixed reason class")
                    .tag("probe", probe).tag("reason", o.reason()).register(registry).increment();
        }
    }

    void missed(String probe, long slots) {
        missedCounter(probe).increment(slots);
    }

    private Counter probes(String probe, String status) {
        return Counter.builder("netobs.agent.probes").description(PROBES_HELP)
                .tag("probe", probe).tag("status", status).register(registry);
    }

    private Counter missedCounter(String probe) {
        return Counter.builder("netobs.agent.schedule.missed").description(MISSED_HELP).tag("probe", probe).register(registry);
    }

    public void published(long n) {
        published.increment(n);
    }

    /** Also hands every schedule lag (ns) to {@code tap}: the benchmark takes exact percentiles over its own window. */
    public void tapLag(LongConsumer tap) {
        this.lagTap = tap;
    }

    public Timer lag() {
        return lag;
    }

    public MeterRegistry registry() {
        return registry;
    }
}

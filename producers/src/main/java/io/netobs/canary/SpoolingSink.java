package io.netobs.canary;

import io.netobs.canary.probe.Outcome;
import io.netobs.canary.probe.ProbeRun;
import io.netobs.canary.publish.Spool;
import io.netobs.schema.PayloadSerdes;

/**
 * Hands every result to the spool: key = target, record timestamp = observation time, value = the
 * schemas serde's JSON. Nothing goes to Kafka directly, so the broker's state never blocks a probe.
 */
final class SpoolingSink implements Scheduler.Sink {
    private final Spool spool;
    private final String topic;

    SpoolingSink(Spool spool, String topic) {
        this.spool = spool;
        this.topic = topic;
    }

    @Override
    public void accept(ProbeRun run, Outcome outcome) {
        byte[] value = PayloadSerdes.CANARY_RESULT.serialize(topic, outcome.result());
        // An interrupted thread would make FileChannel close itself; the append must not be the victim.
        boolean interrupted = Thread.interrupted();
        try {
            spool.append(outcome.result().target(), run.startedAt().toEpochMilli(), value);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package io.netobs.canary.publish;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves results from the spool head to Kafka, in spool order, and commits a sequence number once
 * it and everything before it is resolved: acknowledged, or refused for good. The producer is
 * idempotent with acks=all and an effectively unbounded delivery timeout: during a broker outage it
 * keeps the in-flight window and retries it (same producer id and sequence numbers, so the broker
 * drops resent duplicates and keeps per-partition order); everything behind the window waits on
 * disk. A record the broker refuses for good ({@link DeliveryErrors}) is written to
 * {@code refused.jsonl} ({@link Refusals}), counted, and skipped, so it never holds up the results behind it. Any other
 * failed send restarts the producer and resends the unresolved records from the first of them;
 * records already acknowledged are not sent again. Every record carries its spool sequence number
 * in the {@value #SEQ_HEADER} header, which identifies the copies a crash can make (see {@link Spool}).
 */
public final class SpoolSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSender.class);
    public static final String SEQ_HEADER = "netobs.spool.seq";

    /** Hooks for the agent's metrics. */
    public interface Listener {
        void published(long count);
    }

    private record Ack(SpoolRecord record, Exception error) {
    }

    private final Spool spool;
    private final String topic;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Listener listener;
    private final int maxInFlight;
    private final Refusals refusals;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    // Sender thread only: records read and not yet committed (seq -> size), those of them resolved,
    // and failure counts of records whose errors may or may not be about the record itself.
    private final TreeMap<Long, Integer> pending = new TreeMap<>();
    private final Set<Long> resolved = new HashSet<>();
    private final Map<Long, Integer> attempts = new HashMap<>();
    private final Thread thread;
    private int inFlight;
    private int restartsWithoutProgress;
    private volatile boolean running = true;
    private volatile long lastAckNanos;      // 0 = never
    private volatile long lastFailureNanos;  // 0 = never
    private volatile boolean sendFailing;
    private Producer<String, byte[]> producer;

    public SpoolSender(Spool spool, String topic, Supplier<Producer<String, byte[]>> producers, Listener listener, int maxInFlight) {
        this.spool = spool;
        this.topic = topic;
        this.producers = producers;
        this.listener = listener;
        this.maxInFlight = maxInFlight;
        this.refusals = new Refusals(spool.dir(), Math.max(1 << 20, spool.maxBytes() / 10));
        this.thread = new Thread(this::loop, "netobs-spool-sender");
        this.thread.setDaemon(true);
    }

    public SpoolSender start() {
        thread.start();
        return this;
    }

    private void loop() {
        SpoolReader reader = spool.reader();
        producer = producers.get();
        while (running) {
            try {
                if (drainAcks()) {
                    restartProducer(reader);
                    continue;
                }
                // Re-reading records already pending (after a rewind) does not grow the window.
                boolean windowFull = inFlight >= maxInFlight
                        || (pending.size() >= 10 * maxInFlight && reader.position() > pending.lastKey());
                if (windowFull) {
                    Thread.sleep(5);
                    continue;
                }
                SpoolRecord r = reader.next();
                if (r == null) {
                    spool.awaitRecord(reader.position(), inFlight == 0 ? 200 : 5);
                    continue;
                }
                send(r, reader);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.error("spool sender: unexpected error, retrying in 1 s", e);
                sleepQuietly(1000);
            }
        }
    }

    private void send(SpoolRecord r, SpoolReader reader) {
        if (resolved.contains(r.seq())) {
            return; // delivered or refused before a rewind
        }
        int size = r.encodedSize();
        Exception[] syncError = new Exception[1];
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, r.timestampMs(), r.key(), r.value(),
                new RecordHeaders().add(SEQ_HEADER, Long.toString(r.seq()).getBytes(StandardCharsets.US_ASCII)));
        try {
            producer.send(record, (md, ex) -> {
                // A callback on this very thread means send() refused the record before it entered the
                // producer (no topic metadata within max.block.ms, record too large): it was never sent.
                if (ex != null && Thread.currentThread() == thread) {
                    syncError[0] = ex;
                } else {
                    acks.add(new Ack(r, ex));
                }
            });
        } catch (RuntimeException e) {
            // Also non-Kafka exceptions: a record read but neither sent nor rewound to would be skipped by the commit.
            syncError[0] = e;
        }
        if (syncError[0] == null) {
            pending.put(r.seq(), size);
            inFlight++;
            if (sendFailing) {
                LOG.info("Kafka reachable again; delivering {} spooled results", spool.depth());
            }
            sendFailing = false;
            return;
        }
        String reason = DeliveryErrors.refusal(syncError[0]);
        if (reason != null) {
            pending.put(r.seq(), size);
            refuse(r, reason, syncError[0]); // committed by the next drainAcks
            return;
        }
        // Nothing went out, so retrying the same record cannot duplicate it, and the producer (with its
        // idempotent session and whatever it still has in flight) stays as it is.
        if (!sendFailing) {
            LOG.warn("Kafka not reachable ({}); results stay in the spool until it is", syncError[0].getMessage());
        }
        sendFailing = true;
        lastFailureNanos = System.nanoTime();
        reader.seek(r.seq());
        sleepQuietly(500);
    }

    private void refuse(SpoolRecord r, String reason, Throwable error) {
        refusals.refuse(r, reason, error);
        resolved.add(r.seq());
        attempts.remove(r.seq());
    }

    /** Applies acknowledgements and commits what is resolved; true when a failure requires a rewind. */
    private boolean drainAcks() {
        boolean failed = false;
        long delivered = 0;
        long failures = 0;
        Ack firstFailure = null;
        for (Ack a = acks.poll(); a != null; a = acks.poll()) {
            inFlight = Math.max(0, inFlight - 1);
            long seq = a.record().seq();
            if (a.error() == null) {
                resolved.add(seq);
                attempts.remove(seq);
                delivered++;
                continue;
            }
            String reason = DeliveryErrors.refusal(a.error());
            if (reason == null && !DeliveryErrors.notAboutTheRecord(a.error())
                    && attempts.merge(seq, 1, Integer::sum) >= DeliveryErrors.ATTEMPTS) {
                reason = DeliveryErrors.OTHER;
            }
            if (reason != null) {
                refuse(a.record(), reason, a.error());
            } else {
                firstFailure = firstFailure == null ? a : firstFailure;
                failures++;
                lastFailureNanos = System.nanoTime();
                failed = true;
            }
        }
        if (firstFailure != null) {
            LOG.warn("delivery of {} result(s) failed, first {}: {}", failures, firstFailure.record().seq(),
                    firstFailure.error().toString());
        }
        if (delivered > 0) {
            lastAckNanos = System.nanoTime();
            listener.published(delivered);
        }
        long last = -1;
        long bytes = 0;
        while (!pending.isEmpty() && resolved.remove(pending.firstKey())) {
            Map.Entry<Long, Integer> e = pending.pollFirstEntry();
            bytes += e.getValue();
            last = e.getKey();
        }
        if (last >= 0) {
            spool.commit(last, bytes);
            restartsWithoutProgress = 0;
        }
        return failed;
    }

    private void restartProducer(SpoolReader reader) {
        producer.close(Duration.ofSeconds(5));
        drainAcks(); // closing completed every callback still outstanding
        inFlight = 0;
        acks.clear();
        long from = pending.keySet().stream().filter(s -> !resolved.contains(s)).findFirst().orElse(reader.position());
        LOG.info("restarting the Kafka producer and resending the unacknowledged results from {}", from);
        reader.seek(from);
        // Errors that hold for every record (authorisation, say) would otherwise spin: back off up to 5 s.
        sleepQuietly(Math.min(5000, 50L << Math.min(restartsWithoutProgress++, 7)));
        producer = producers.get();
    }

    /** Idle: the last outcome was an acknowledgement. Busy: an acknowledgement came within the last 15 s. */
    public boolean brokerReachable() {
        if (spool.depth() == 0) {
            return lastFailureNanos == 0 || lastAckNanos - lastFailureNanos > 0;
        }
        return lastAckNanos != 0 && System.nanoTime() - lastAckNanos < 15_000_000_000L;
    }

    /** Waits until every spooled result is committed, or the timeout passes. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (spool.depth() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return spool.depth() == 0;
    }

    @Override
    public void close() {
        running = false;
        // No interrupt: it would close the spool's FileChannels under the reader (ClosedByInterruptException).
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            drainAcks();
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Results refused for good, by reason (every reason present, from 0). */
    public Map<String, Long> refused() {
        return refusals.counts();
    }

    public static List<String> refusalReasons() {
        return DeliveryErrors.REASONS;
    }

    /** The latest refusal, for /health; null when none. */
    public String lastRefused() {
        return refusals.last();
    }

    public Path refusedFile() {
        return refusals.file();
    }

    /** For tests and logs. */
    public Map<String, Long> state() {
        return Map.of("committed", spool.committed(), "next", spool.nextSeq(), "depth", spool.depth());
    }
}


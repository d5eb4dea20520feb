package io.netobs.canary.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves results from the spool head to Kafka, in spool order, and commits a sequence number once
 * it and everything before it is acknowledged. The producer is idempotent with acks=all and an
 * effectively unbounded delivery timeout: during a broker outage it keeps the in-flight window and
 * retries it (same producer id and sequence numbers, so the broker drops resent duplicates and
 * keeps per-partition order); everything behind the window waits on disk. A send that fails anyway
 * (a non-retriable error) restarts the producer and rewinds to the first unacknowledged record.
 */
public final class SpoolSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolSender.class);

    /** Hooks for the agent's metrics. */
    public interface Listener {
        void published(long count);

        void droppedTooLarge();
    }

    private record Ack(long seq, int size, Exception error) {
    }

    private final Spool spool;
    private final String topic;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Listener listener;
    private final int maxInFlight;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final TreeMap<Long, Integer> pending = new TreeMap<>();   // seq -> size, sender thread only
    private final TreeMap<Long, Integer> acked = new TreeMap<>();
    private final Thread thread;
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
        this.thread = new Thread(this::loop, "netobs-spool-sender");
        this.thread.setDaemon(true);
    }

    /** Producer settings that make delivery lossless and ordered, on top of the user's client properties. */
    public static Properties producerProps(Properties client) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        // Outages are absorbed by retrying, never by expiring batches: expiry would end the idempotent session.
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.putIfAbsent(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netobs-canary-agent");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    public static Supplier<Producer<String, byte[]>> kafka(Properties client) {
        Properties p = producerProps(client);
        return () -> new KafkaProducer<>(p);
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
                boolean rewind = drainAcks();
                if (rewind) {
                    restartProducer(reader);
                    continue;
                }
                if (pending.size() >= maxInFlight) {
                    Thread.sleep(5);
                    continue;
                }
                SpoolRecord r = reader.next();
                if (r == null) {
                    spool.awaitRecord(reader.position(), pending.isEmpty() ? 200 : 5);
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
        int size = r.encodedSize();
        Exception[] refused = new Exception[1];
        try {
            producer.send(new ProducerRecord<>(topic, null, r.timestampMs(), r.key(), r.value()), (md, ex) -> {
                // A callback on this very thread means send() refused the record before it entered the
                // producer (no topic metadata within max.block.ms, record too large): it was never sent.
                if (ex != null && Thread.currentThread() == thread) {
                    refused[0] = ex;
                } else {
                    acks.add(new Ack(r.seq(), size, ex));
                }
            });
        } catch (KafkaException e) {
            refused[0] = e;
        }
        if (refused[0] == null) {
            pending.put(r.seq(), size);
            if (sendFailing) {
                LOG.info("Kafka reachable again; delivering {} spooled results", spool.depth());
            }
            sendFailing = false;
            return;
        }
        if (refused[0] instanceof RecordTooLargeException) {
            pending.put(r.seq(), size);
            acks.add(new Ack(r.seq(), size, refused[0])); // drainAcks drops and counts it
            return;
        }
        // Nothing went out, so retrying the same record cannot duplicate it, and the producer (with its
        // idempotent session and whatever it still has in flight) stays as it is.
        if (!sendFailing) {
            LOG.warn("Kafka not reachable ({}); results stay in the spool until it is", refused[0].getMessage());
        }
        sendFailing = true;
        lastFailureNanos = System.nanoTime();
        reader.seek(r.seq());
        sleepQuietly(500);
    }

    /** Applies acknowledgements; true when a failure requires a rewind. */
    private boolean drainAcks() {
        boolean failed = false;
        long delivered = 0;
        long failures = 0;
        Ack firstFailure = null;
        for (Ack a = acks.poll(); a != null; a = acks.poll()) {
            if (a.error() == null) {
                acked.put(a.seq(), a.size());
                delivered++;
            } else if (a.error() instanceof RecordTooLargeException) {
                LOG.error("result {} is larger than the broker accepts; dropped", a.seq());
                listener.droppedTooLarge();
                acked.put(a.seq(), a.size());
            } else {
                firstFailure = firstFailure == null ? a : firstFailure;
                failures++;
                lastFailureNanos = System.nanoTime();
                failed = true;
            }
        }
        if (firstFailure != null) {
            LOG.warn("delivery of {} result(s) failed, first {}: {}", failures, firstFailure.seq(), firstFailure.error().toString());
        }
        if (delivered > 0) {
            lastAckNanos = System.nanoTime();
            listener.published(delivered);
        }
        long last = -1;
        long bytes = 0;
        while (!pending.isEmpty() && acked.containsKey(pending.firstKey())) {
            long seq = pending.pollFirstEntry().getKey();
            bytes += acked.remove(seq);
            last = seq;
        }
        if (last >= 0) {
            spool.commit(last, bytes);
        }
        return failed;
    }

    private void restartProducer(SpoolReader reader) {
        producer.close(Duration.ofSeconds(5));
        drainAcks();
        long from = pending.isEmpty() ? spool.committed() + 1 : pending.firstKey();
        LOG.info("restarting the Kafka producer and resending from result {}", from);
        pending.clear();
        acked.clear();
        acks.clear();
        reader.seek(from);
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

    /** For tests and logs. */
    public Map<String, Long> state() {
        return Map.of("committed", spool.committed(), "next", spool.nextSeq(), "depth", spool.depth());
    }
}


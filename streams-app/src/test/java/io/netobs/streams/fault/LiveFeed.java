package io.netobs.streams.fault;

import io.netobs.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Live canary results, as agents publish them while a fault happens: {@code perSecond} results per
 * second over {@code targets} targets in turn, observed now (each target's times strictly
 * increasing), keyed by target except every fourth (unless all are to be keyed), which goes without a
 * key as the seed sends. As in the agent, probing never waits for Kafka: results queue up (the
 * agent's spool) while a sender thread hands them to the producer, whose {@code send} blocks while
 * no broker is reachable. Only what the broker acknowledged counts as sent; a failed send is kept
 * and reported.
 */
final class LiveFeed implements AutoCloseable {
    private static final long TICK_MS = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final String prefix;
    private final int targets;
    private final int perTick;
    private final long[] lastEventMs;
    private final SplittableRandom rnd;
    private final boolean allKeyed;
    private final ConcurrentLinkedQueue<Sent> acked = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Object pause = new Object();
    private volatile boolean paused;
    private volatile boolean running = true;
    private final BlockingQueue<Sent> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final Thread sender;
    private volatile long next;
    private volatile long handedOver;

    LiveFeed(String bootstrap, String prefix, int targets, int perSecond, long seed, Properties producerSettings) {
        this(bootstrap, prefix, targets, perSecond, seed, producerSettings, false);
    }

    /** @param allKeyed every result keyed by its target, so each target's results keep their order on the topic */
    LiveFeed(String bootstrap, String prefix, int targets, int perSecond, long seed, Properties producerSettings,
             boolean allKeyed) {
        this.allKeyed = allKeyed;
        this.producer = Producers.reliable(bootstrap, producerSettings);
        this.prefix = prefix;
        this.targets = targets;
        this.perTick = Math.max(1, (int) (perSecond * TICK_MS / 1000));
        this.lastEventMs = new long[targets];
        this.rnd = new SplittableRandom(seed);
        this.thread = new Thread(this::run, "live-feed-" + prefix);
        thread.setDaemon(true);
        this.sender = new Thread(this::sendQueued, "live-feed-sender-" + prefix);
        sender.setDaemon(true);
        thread.start();
        sender.start();
    }

    static String target(String prefix, int i) {
        return CanaryBacklog.target(prefix, i);
    }

    private void run() {
        try {
            while (running) {
                synchronized (pause) {
                    while (paused && running) {
                        pause.wait();
                    }
                    for (int k = 0; k < perTick && running; k++) {
                        queue.add(next());
                    }
                }
                Thread.sleep(TICK_MS); // pacing of the feed, not a wait for a result
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendQueued() {
        try {
            while (true) {
                Sent s = queue.take();
                producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, s.eventMs(), s.keyed() ? s.target() : null,
                        s.json()), (md, e) -> {
                            if (e == null) {
                                acked.add(s);
                            } else {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, e);
                            }
                        });
                handedOver++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Sent next() {
        int t = (int) (next % targets);
        long round = next / targets;
        next++;
        long now = Math.max(System.currentTimeMillis(), lastEventMs[t] + 1);
        lastEventMs[t] = now;
        return CanaryBacklog.result(rnd, target(prefix, t), CanaryBacklog.TYPES[t % CanaryBacklog.TYPES.length],
                CanaryBacklog.CANARIES[(int) (round % CanaryBacklog.CANARIES.length)], now, allKeyed || next % 4 != 0);
    }

    /** Stops producing results and waits until every one so far is acknowledged or failed. */
    void pause() throws InterruptedException {
        paused = true;
        synchronized (pause) {
            // A tick queues under this lock: once it is ours, none is in progress and none starts.
        }
        drain();
    }

    /** Waits until the sender has handed every queued result to the producer, then flushes it. */
    private void drain() throws InterruptedException {
        Poll.until("the feed's queue handed to the producer", java.time.Duration.ofSeconds(180), 20,
                () -> handedOver, n -> n == next);
        producer.flush();
    }

    void resume() {
        synchronized (pause) {
            paused = false;
            pause.notifyAll();
        }
    }

    /** Stops for good and flushes; what was acknowledged, in acknowledgement order. */
    List<Sent> stop() throws InterruptedException {
        running = false;
        resume();
        thread.join(10_000);
        drain();
        return new ArrayList<>(acked);
    }

    /** Results produced so far (queued, in the producer, or acknowledged). */
    long attempted() {
        return next;
    }

    long ackedCount() {
        return acked.size();
    }

    List<Sent> acked() {
        return new ArrayList<>(acked);
    }

    long failures() {
        return failures.get();
    }

    Exception firstFailure() {
        return firstFailure.get();
    }

    @Override
    public void close() {
        running = false;
        resume();
        sender.interrupt();
        try {
            thread.join(10_000);
            sender.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(java.time.Duration.ofSeconds(10));
    }
}

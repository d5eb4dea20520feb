package io.netobs.streams.fault;

import io.netobs.schema.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Live canary results, as agents publish them while a fault happens: {@code perSecond} results per
 * second over {@code targets} targets in turn, observed now (each target's times strictly
 * increasing), keyed by target except every fourth, which goes without a key as the seed sends.
 * Only what the broker acknowledged counts as sent; a failed send is kept and reported.
 */
final class LiveFeed implements AutoCloseable {
    private static final long TICK_MS = 20;

    private final KafkaProducer<String, byte[]> producer;
    private final String prefix;
    private final int targets;
    private final int perTick;
    private final long[] lastEventMs;
    private final SplittableRandom rnd;
    private final ConcurrentLinkedQueue<Sent> acked = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final Object pause = new Object();
    private volatile boolean paused;
    private volatile boolean running = true;
    private final Thread thread;
    private long next;

    LiveFeed(String bootstrap, String prefix, int targets, int perSecond, long seed, Properties producerSettings) {
        this.producer = Producers.reliable(bootstrap, producerSettings);
        this.prefix = prefix;
        this.targets = targets;
        this.perTick = Math.max(1, (int) (perSecond * TICK_MS / 1000));
        this.lastEventMs = new long[targets];
        this.rnd = new SplittableRandom(seed);
        this.thread = new Thread(this::run, "live-feed-" + prefix);
        thread.setDaemon(true);
        thread.start();
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
                        send();
                    }
                }
                Thread.sleep(TICK_MS); // pacing of the feed, not a wait for a result
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send() {
        int t = (int) (next % targets);
        long round = next / targets;
        next++;
        long now = Math.max(System.currentTimeMillis(), lastEventMs[t] + 1);
        lastEventMs[t] = now;
        Sent s = CanaryBacklog.result(rnd, target(prefix, t), CanaryBacklog.TYPES[t % CanaryBacklog.TYPES.length],
                CanaryBacklog.CANARIES[(int) (round % CanaryBacklog.CANARIES.length)], now, next % 4 != 0);
        producer.send(new ProducerRecord<>(Topics.CANARY_RESULTS, null, s.eventMs(), s.keyed() ? s.target() : null, s.json()),
                (md, e) -> {
                    if (e == null) {
                        acked.add(s);
                    } else {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
    }

    /** Stops sending and waits until everything sent so far is acknowledged or failed. */
    void pause() {
        paused = true;
        synchronized (pause) {
            // A tick sends under this lock: once it is ours, no send is in progress and none starts.
        }
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
        producer.flush();
        return new ArrayList<>(acked);
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
    public void close() throws InterruptedException {
        running = false;
        resume();
        thread.join(10_000);
        producer.close();
    }
}

package io.netobs.bgp.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded hand-over between the websocket thread and Kafka: {@link #offer} never blocks (a full
 * queue drops the frame, counted and logged), and one publisher thread parses and sends. A slow
 * broker therefore shows up as queue overflow, never as a stalled websocket that RIS Live would cut.
 */
final class FramePump implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FramePump.class);
    static final String SOURCE_TOPIC = "ris-live";

    private final BlockingQueue<String> queue;
    private final RisLiveParser parser = new RisLiveParser("ris-live");
    private final FrameRouter router;
    private final IngestMetrics metrics;
    private final Thread thread;
    private final AtomicLong lastOverflowLogMs = new AtomicLong();
    private volatile boolean running = true;
    private long frameNo;

    FramePump(int capacity, FrameRouter router, IngestMetrics metrics) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.router = router;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "bgp-ingest-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called on the websocket thread. */
    void offer(String frame) {
        if (!queue.offer(frame)) {
            metrics.queueOverflow.increment();
            long now = System.currentTimeMillis();
            long last = lastOverflowLogMs.get();
            if (now - last > 10_000 && lastOverflowLogMs.compareAndSet(last, now)) {
                LOG.warn("bgp-ingest queue full ({} frames): dropping frames, {} dropped so far; Kafka is slower than RIS Live",
                        queue.size(), metrics.queueOverflow.sum());
            }
        }
    }

    boolean alive() {
        return thread.isAlive();
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            String frame;
            try {
                frame = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (frame == null) {
                continue;
            }
            long n = ++frameNo;
            try {
                router.route(parser.parse(frame), () -> frame.getBytes(StandardCharsets.UTF_8), SOURCE_TOPIC, n, t -> t);
            } catch (RuntimeException e) {
                // A producer failure (e.g. closed during shutdown) must not kill the thread silently.
                LOG.error("bgp-ingest: frame {} could not be handed to Kafka: {}", n, e.toString());
            }
        }
    }

    /** Stops after draining what is queued (bounded by the join timeout). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}

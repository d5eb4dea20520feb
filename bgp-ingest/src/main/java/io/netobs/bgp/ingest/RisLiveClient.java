package io.netobs.bgp.ingest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one RIS Live websocket open: subscribes (rate-limited) on every open, pings, closes a silent
 * connection, reconnects with exponential backoff and jitter. Frames go to {@code onFrame}, which
 * must not block (it is {@link FramePump#offer}). All state changes run on one supervisor thread;
 * each connection carries a generation number so callbacks of a dead one are ignored.
 */
public final class RisLiveClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RisLiveClient.class);
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final RisLiveConfig cfg;
    private final List<String> subscriptions;
    private final Consumer<String> onFrame;
    private final IngestMetrics metrics;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ris-live-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile Connection current;
    private volatile long lastActivityMs;
    private volatile boolean closed;
    private int generation;
    private int failedAttempts;

    public RisLiveClient(RisLiveConfig cfg, List<String> prefixes, Consumer<String> onFrame, IngestMetrics metrics) {
        this.cfg = cfg;
        this.subscriptions = subscribeMessages(prefixes);
        this.onFrame = onFrame;
        this.metrics = metrics;
    }

    /**
     * One {@code ris_subscribe} per monitored prefix (more-specifics included, UPDATE only) plus one for
     * peer state, each asking for {@code ris_subscribe_ok}; raw BGP bytes are not needed.
     */
    static List<String> subscribeMessages(List<String> prefixes) {
        List<String> out = new ArrayList<>(prefixes.size() + 1);
        out.add("{\"type\":\"ris_subscribe\",\"data\":{\"type\":\"RIS_PEER_STATE\","
                + "\"socketOptions\":{\"includeRaw\":false,\"acknowledge\":true}}}");
        for (String p : prefixes) {
            out.add("{\"type\":\"ris_subscribe\",\"data\":{\"prefix\":\"" + p + "\",\"moreSpecific\":true,\"type\":\"UPDATE\","
                    + "\"socketOptions\":{\"includeRaw\":false,\"acknowledge\":true}}}");
        }
        return List.copyOf(out);
    }

    public void start() {
        long tick = Math.max(50, Math.min(cfg.pingInterval().toMillis(), cfg.silenceTimeout().toMillis() / 4));
        supervisor.execute(this::connect);
        supervisor.scheduleWithFixedDelay(this::watch, tick, tick, TimeUnit.MILLISECONDS);
    }

    private long lastPingMs;

    /** Supervisor thread: closes a silent connection, otherwise pings on schedule. */
    private void watch() {
        Connection c = current;
        if (closed || c == null || !c.isOpen()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastActivityMs > cfg.silenceTimeout().toMillis()) {
            LOG.warn("RIS Live silent for {} ms (no message, no pong): reconnecting", now - lastActivityMs);
            drop(c, "silent");
            return;
        }
        if (now - lastPingMs >= cfg.pingInterval().toMillis()) {
            lastPingMs = now;
            c.send("{\"type\":\"ping\"}");
        }
    }

    /** Supervisor thread. */
    private void connect() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        Connection c = new Connection(cfg.url(), gen);
        current = c;
        c.setConnectionLostTimeout(0); // liveness is judged by our own ping/pong and silence timeout
        LOG.info("RIS Live: connecting to {} (attempt {})", cfg.url(), failedAttempts + 1);
        c.connect();
    }

    /** Supervisor thread: abandons connection {@code c} and schedules the next one. */
    private void drop(Connection c, String why) {
        if (c != current || closed) {
            return;
        }
        current = null;
        metrics.setConnected(false);
        c.closeConnection(CloseFrame.ABNORMAL_CLOSE, why);
        long delay = backoffMs(failedAttempts++);
        metrics.reconnects.increment();
        LOG.info("RIS Live: {}; reconnecting in {} ms", why, delay);
        supervisor.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Exponential backoff with "equal jitter": half fixed, half random, so many clients do not sync up. */
    long backoffMs(int attempt) {
        long base = cfg.backoffMin().toMillis() << Math.min(attempt, 20);
        long capped = Math.min(cfg.backoffMax().toMillis(), base);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private void subscribe(Connection c, int index) {
        if (closed || c != current || !c.isOpen() || index >= subscriptions.size()) {
            return;
        }
        c.send(subscriptions.get(index));
        long gapMs = Math.round(1000.0 / cfg.subscribesPerSecond());
        supervisor.schedule(() -> subscribe(c, index + 1), gapMs, TimeUnit.MILLISECONDS);
    }

    private void submit(Runnable task) {
        try {
            supervisor.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Only after close(): the connection is being torn down anyway.
        }
    }

    @Override
    public void close() {
        closed = true;
        supervisor.shutdownNow();
        Connection c = current;
        if (c != null) {
            c.closeConnection(CloseFrame.NORMAL, "shutdown");
        }
        metrics.setConnected(false);
    }

    /** One websocket; its callbacks run on Java-WebSocket's threads and only hand work over. */
    private final class Connection extends WebSocketClient {
        private final int gen;

        Connection(URI uri, int gen) {
            super(uri, new Draft_6455(), Map.of(), CONNECT_TIMEOUT_MS);
            this.gen = gen;
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            lastActivityMs = System.currentTimeMillis();
            submit(() -> {
                if (current == this) {
                    metrics.setConnected(true);
                    failedAttempts = 0;
                    LOG.info("RIS Live: connected (connection {}), sending {} subscriptions", gen, subscriptions.size());
                    subscribe(this, 0);
                }
            });
        }

        @Override
        public void onMessage(String message) {
            lastActivityMs = System.currentTimeMillis();
            onFrame.accept(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            if (!closed) {
                submit(() -> drop(this, "connection closed (" + code + (reason.isEmpty() ? "" : " " + reason) + ")"));
            }
        }

        @Override
        public void onError(Exception ex) {
            // onClose follows every error that ends the connection; log here only the cause.
            LOG.warn("RIS Live connection {} error: {}", gen, ex.toString());
        }
    }
}

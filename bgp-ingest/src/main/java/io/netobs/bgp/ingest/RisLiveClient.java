package io.netobs.bgp.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one RIS Live websocket open: subscribes (rate-limited) on every open, pings, abandons an
 * attempt whose handshake stalls and a connection that goes silent, reconnects with exponential
 * backoff and jitter. Frames go to {@code onFrame}, which must not block (it is {@link FramePump#offer}).
 * Every decision runs on one supervisor thread; a connection that is no longer {@code current} is
 * ignored, so late callbacks of a dead one change nothing.
 */
public final class RisLiveClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RisLiveClient.class);
    private static final String PING = "{\"type\":\"ping\"}";

    private final RisLiveConfig cfg;
    private final List<String> subscriptions;
    private final Consumer<String> onFrame;
    private final IngestMetrics metrics;
    private final Backoff backoff;
    private final RisLiveConnection.Listener events = new Events();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ris-live-supervisor");
        t.setDaemon(true);
        return t;
    });
    private volatile RisLiveConnection current;
    private volatile boolean closed;
    /** Mirror of the backoff's failure count for readers off the supervisor thread. */
    private volatile int failuresInARow;
    private int generation;

    public RisLiveClient(RisLiveConfig cfg, List<String> prefixes, Consumer<String> onFrame, IngestMetrics metrics) {
        this.cfg = cfg;
        this.subscriptions = subscribeMessages(prefixes);
        this.onFrame = onFrame;
        this.metrics = metrics;
        this.backoff = new Backoff(cfg.backoffMin().toMillis(), cfg.backoffMax().toMillis(),
                n -> ThreadLocalRandom.current().nextLong(n + 1));
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

    /** Watchdog period: each deadline is seen within a quarter of itself, and the tick stays cheap. */
    static long tickMs(RisLiveConfig cfg) {
        long deadlines = Math.min(cfg.silenceTimeout().toMillis(), cfg.handshakeTimeout().toMillis()) / 4;
        return Math.max(20, Math.min(1_000, Math.min(cfg.pingInterval().toMillis(), deadlines)));
    }

    public void start() {
        long tick = tickMs(cfg);
        supervisor.execute(this::connect);
        supervisor.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Failed attempts since the last connection that proved itself (see {@link RisLiveConfig#backoffResetAfter}). */
    int failuresInARow() {
        return failuresInARow;
    }

    /** A periodic task that throws is never run again, so nothing may escape the watchdog. */
    private void tick() {
        try {
            watch(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.error("RIS Live watchdog: unexpected failure, carrying on", e);
        }
    }

    private void watch(long now) {
        RisLiveConnection c = current;
        if (closed || c == null) {
            return;
        }
        if (!c.opened()) {
            if (now - c.startedMs > cfg.handshakeTimeout().toMillis()) {
                metrics.handshakeTimeouts.increment();
                drop(c, ReconnectReason.HANDSHAKE_TIMEOUT, "no websocket upgrade within " + cfg.handshakeTimeout().toMillis() + " ms");
            }
            return;
        }
        if (now - c.lastActivityMs() > cfg.silenceTimeout().toMillis()) {
            drop(c, ReconnectReason.SILENT, "no message and no pong for " + (now - c.lastActivityMs()) + " ms");
            return;
        }
        settle(c, now);
        if (now - c.lastPingMs >= cfg.pingInterval().toMillis()) {
            c.lastPingMs = now;
            send(c, SentMessage.PING, PING);
        }
    }

    /**
     * Opening is not enough to reset the backoff (a server that accepts and closes at once would be
     * hammered); a connection must stay open long enough and carry at least one message.
     */
    private void settle(RisLiveConnection c, long now) {
        if (!c.proven && c.opened() && c.messages() > 0 && now - c.openedMs() >= cfg.backoffResetAfter().toMillis()) {
            c.proven = true;
            if (backoff.failures() > 0) {
                LOG.info("RIS Live: connection {} stable; reconnect backoff reset after {} failures", c.generation, backoff.failures());
            }
            backoff.reset();
            failuresInARow = 0;
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        RisLiveConnection c = new RisLiveConnection(cfg.url(), ++generation, System.currentTimeMillis(),
                (int) cfg.handshakeTimeout().toMillis(), events);
        current = c;
        LOG.info("RIS Live: connecting to {} (connection {}, {} failed before)", cfg.url(), c.generation, backoff.failures());
        try {
            c.connect();
        } catch (RuntimeException e) {
            drop(c, ReconnectReason.CONNECT_FAILED, e.toString());
        }
    }

    /** Abandons connection {@code c} if it is still the current one and schedules the next attempt. */
    private void drop(RisLiveConnection c, ReconnectReason reason, String detail) {
        if (c != current || closed) {
            return;
        }
        current = null;
        settle(c, System.currentTimeMillis());
        long delay = backoff.nextDelayMs();
        failuresInARow = backoff.failures();
        // Counted before the socket closes, so whoever sees the close also sees the count.
        metrics.setConnected(false);
        metrics.reconnect(reason);
        c.abort(reason.label);
        LOG.info("RIS Live: connection {} ended ({}: {}); reconnecting in {} ms ({} failures in a row)",
                c.generation, reason.label, detail, delay, backoff.failures());
        later(this::connect, delay);
    }

    private void subscribe(RisLiveConnection c, int index) {
        if (closed || c != current || index >= subscriptions.size()) {
            return;
        }
        if (send(c, SentMessage.SUBSCRIBE, subscriptions.get(index))) {
            later(() -> subscribe(c, index + 1), Math.round(1000.0 / cfg.subscribesPerSecond()));
        }
    }

    /**
     * The socket can close between any check and the send (the websocket threads change its state), so
     * the failure itself is the signal: counted, and the connection is replaced.
     */
    private boolean send(RisLiveConnection c, SentMessage what, String text) {
        try {
            c.send(text);
            return true;
        } catch (RuntimeException e) {
            metrics.sendFailed(what);
            drop(c, ReconnectReason.SEND_FAILED, what.label + " not sent: " + e);
            return false;
        }
    }

    private void submit(Runnable task) {
        later(task, 0);
    }

    private void later(Runnable task, long delayMs) {
        try {
            supervisor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Only after close(): nothing is to be started any more.
        }
    }

    @Override
    public void close() {
        closed = true;
        supervisor.shutdownNow();
        RisLiveConnection c = current;
        if (c != null) {
            c.abort("shutdown");
        }
        metrics.setConnected(false);
    }

    /** Websocket callbacks: hand every decision to the supervisor thread. */
    private final class Events implements RisLiveConnection.Listener {
        @Override
        public void opened(RisLiveConnection c) {
            submit(() -> {
                if (c == current && !closed) {
                    metrics.setConnected(true);
                    LOG.info("RIS Live: connected (connection {}) in {} ms, sending {} subscriptions",
                            c.generation, c.openedMs() - c.startedMs, subscriptions.size());
                    subscribe(c, 0);
                }
            });
        }

        @Override
        public void message(RisLiveConnection c, String text) {
            onFrame.accept(text);
        }

        @Override
        public void closed(RisLiveConnection c, int code, String reason) {
            if (!closed) {
                ReconnectReason why = c.opened() ? ReconnectReason.CLOSED : ReconnectReason.CONNECT_FAILED;
                submit(() -> drop(c, why, "code " + code + (reason.isEmpty() ? "" : " " + reason)));
            }
        }
    }
}

package io.netobs.bgp.ingest;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RIS Live websocket attempt and what the supervisor needs to judge it: when it started, when it
 * opened, when it last heard anything and how many messages it carried. Its callbacks run on
 * Java-WebSocket's threads and only record and hand over to the {@link Listener}.
 */
final class RisLiveConnection extends WebSocketClient {
    private static final Logger LOG = LoggerFactory.getLogger(RisLiveConnection.class);

    /** Implemented by the client; {@code message} runs on the websocket thread and must not block. */
    interface Listener {
        void opened(RisLiveConnection c);

        void message(RisLiveConnection c, String text);

        void closed(RisLiveConnection c, int code, String reason);
    }

    final int generation;
    final long startedMs;
    private final Listener listener;
    private volatile long openedMs = -1;
    private volatile long lastActivityMs;
    private final AtomicLong messages = new AtomicLong();
    /** Supervisor thread only. */
    long lastPingMs;
    /** Supervisor thread only: this connection already reset the backoff. */
    boolean proven;
    private volatile boolean aborted;

    RisLiveConnection(URI uri, int generation, long nowMs, int handshakeTimeoutMs, Listener listener) {
        // The timeout given here bounds the TCP connect only; the supervisor's deadline covers the rest.
        super(uri, new Draft_6455(), Map.of(), handshakeTimeoutMs);
        this.generation = generation;
        this.startedMs = nowMs;
        this.lastActivityMs = nowMs;
        this.listener = listener;
        setConnectionLostTimeout(0); // liveness is judged by our own ping/pong and silence timeout
        setDaemon(true); // an abandoned attempt must never keep the JVM alive
    }

    boolean opened() {
        return openedMs >= 0;
    }

    long openedMs() {
        return openedMs;
    }

    long lastActivityMs() {
        return lastActivityMs;
    }

    long messages() {
        return messages.get();
    }

    /**
     * Ends the attempt in whatever phase it is. The socket is closed as well because a thread blocked
     * in a TLS handshake or a write is not woken by the websocket close alone.
     */
    void abort(String why) {
        aborted = true;
        closeConnection(CloseFrame.ABNORMAL_CLOSE, why);
        Socket s = getSocket();
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("RIS Live connection {}: closing the socket: {}", generation, e.toString());
            }
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        long now = System.currentTimeMillis();
        lastActivityMs = now;
        openedMs = now;
        listener.opened(this);
    }

    @Override
    public void onMessage(String message) {
        lastActivityMs = System.currentTimeMillis();
        messages.incrementAndGet();
        listener.message(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        listener.closed(this, code, reason == null ? "" : reason);
    }

    @Override
    public void onError(Exception ex) {
        // onClose follows every error that ends the connection; log here only the cause. Errors of an
        // attempt we abandoned ourselves ("Socket closed") say nothing new.
        if (aborted) {
            LOG.debug("RIS Live connection {} error after abort: {}", generation, ex.toString());
            return;
        }
        LOG.warn("RIS Live connection {} error: {}", generation, ex.toString());
    }
}

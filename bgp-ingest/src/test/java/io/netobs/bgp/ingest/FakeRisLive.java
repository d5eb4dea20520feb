package io.netobs.bgp.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.Json;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A RIS Live server on 127.0.0.1 for the ITs: acknowledges {@code ris_subscribe} with
 * {@code ris_subscribe_ok} and answers {@code ping} with {@code pong} (each until told not to),
 * streams the frames a test hands it to the newest connection, and can drop that connection abruptly.
 */
final class FakeRisLive extends WebSocketServer {
    /** One accepted connection and what the client subscribed to on it. */
    static final class Session {
        final WebSocket socket;
        final List<String> subscriptions = new CopyOnWriteArrayList<>();
        volatile int pings;

        Session(WebSocket socket) {
            this.socket = socket;
        }
    }

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    volatile boolean answerPings = true;
    volatile boolean acknowledge = true;
    private final CountDownLatch started = new CountDownLatch(1);

    FakeRisLive() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("fake RIS Live did not start");
        }
    }

    /** The newest session once it holds {@code n} subscriptions and is the {@code index}-th one. */
    Session awaitSession(int index, int subscriptions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (sessions.size() > index && sessions.get(index).subscriptions.size() >= subscriptions) {
                return sessions.get(index);
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a condition with a deadline, not waiting for a result
        }
        throw new AssertionError("no session #" + index + " with " + subscriptions + " subscriptions within " + timeout
                + "; sessions: " + sessions.stream().map(s -> s.subscriptions.toString()).toList());
    }

    /**
     * The first session from number {@code from} on that holds {@code subscriptions}: an earlier attempt may
     * have reached the server and still been given up by the client, so the index alone does not tell.
     */
    Session awaitSubscribedFrom(int from, int subscriptions, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (int i = from; i < sessions.size(); i++) {
                if (sessions.get(i).subscriptions.size() >= subscriptions) {
                    return sessions.get(i);
                }
            }
            TimeUnit.MILLISECONDS.sleep(10); // polling a condition with a deadline, not waiting for a result
        }
        throw new AssertionError("no session from #" + from + " with " + subscriptions + " subscriptions within " + timeout
                + "; sessions: " + sessions.stream().map(s -> s.subscriptions.toString()).toList());
    }

    void drop(Session s) {
        s.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "test drops the connection");
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        sessions.add(new Session(conn));
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        Session s = sessions.stream().filter(x -> x.socket == conn).findFirst().orElseThrow();
        try {
            JsonNode m = Json.MAPPER.readTree(message);
            switch (m.path("type").asText()) {
                case "ris_subscribe" -> {
                    JsonNode data = m.path("data");
                    s.subscriptions.add(data.has("prefix") ? data.get("prefix").asText() : data.path("type").asText());
                    if (acknowledge) {
                        conn.send("{\"type\":\"ris_subscribe_ok\",\"data\":{\"subscription\":" + data + "}}");
                    }
                }
                case "ping" -> {
                    s.pings++;
                    if (answerPings) {
                        conn.send("{\"type\":\"pong\",\"data\":null}");
                    }
                }
                default -> conn.send("{\"type\":\"ris_error\",\"data\":{\"message\":\"unknown request\"}}");
            }
        } catch (Exception e) {
            conn.send("{\"type\":\"ris_error\",\"data\":{\"message\":\"not JSON\"}}");
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }
}

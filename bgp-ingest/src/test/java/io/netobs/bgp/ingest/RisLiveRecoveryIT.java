package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RIS Live client against servers that fail the way networks do, all real sockets on loopback:
 * a handshake that never completes, a websocket closed as soon as it opens, a socket that is already
 * closing when the client sends. After each fault the client must be back: subscribed, pinging, and
 * delivering frames. Timings are scaled down (milliseconds instead of seconds) so the class runs in
 * about 10 seconds (15 on a busy machine).
 */
class RisLiveRecoveryIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Headroom on top of a computed delay: scheduling, the attempt's own connect and close, a busy CI box. */
    private static final long SLACK_MS = 300;
    private static final List<String> SUBSCRIBED = List.of("RIS_PEER_STATE", "45.161.192.0/23", "2605:de00:bb::/48");

    private FakeRisLive server;
    private FaultProxy proxy;
    private RisLiveClient client;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IngestMetrics metrics = new IngestMetrics(registry, System::currentTimeMillis);
    private final Queue<String> frames = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeRisLive();
        server.startAndWait();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        server.stop(1000);
    }

    private void startClient(FaultProxy.Mode mode, Map<String, String> settings) throws Exception {
        proxy = new FaultProxy(server.getPort(), mode);
        Map<String, String> env = new HashMap<>(Map.of(
                "RIS_LIVE_URL", "ws://127.0.0.1:" + proxy.port() + "/v1/ws/?client=netobs-it",
                "NETOBS_RIS_PING_INTERVAL_MS", "100",
                "NETOBS_RIS_SILENCE_TIMEOUT_MS", "2000",
                "NETOBS_RIS_HANDSHAKE_TIMEOUT_MS", "400",
                "NETOBS_RIS_BACKOFF_MIN_MS", "20",
                "NETOBS_RIS_BACKOFF_MAX_MS", "100",
                "NETOBS_RIS_BACKOFF_RESET_AFTER_MS", "1000",
                "NETOBS_RIS_SUBSCRIBES_PER_SECOND", "50"));
        env.putAll(settings);
        client = new RisLiveClient(RisLiveConfig.fromEnv(env), List.of("45.161.192.0/23", "2605:de00:bb::/48"), frames::add, metrics);
        client.start();
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The next session, counting from {@code from}, to which the client subscribed everything. */
    private FakeRisLive.Session awaitSubscribed(int from) throws InterruptedException {
        FakeRisLive.Session s = server.awaitSubscribedFrom(from, SUBSCRIBED.size(), WAIT);
        assertThat(s.subscriptions).containsExactlyElementsOf(SUBSCRIBED);
        return s;
    }

    /** The client is fully back on {@code s}: keeping it alive and passing frames on. */
    private void assertAlive(FakeRisLive.Session s, String marker) throws Exception {
        Poll.until("keep-alive pings before " + marker, WAIT, () -> s.pings >= 3);
        String frame = "{\"type\":\"ris_message\",\"data\":{\"marker\":\"" + marker + "\"}}";
        s.socket.send(frame);
        Poll.until("frame " + marker + " delivered", WAIT, () -> frames.contains(frame));
        assertThat(metrics.connected()).isTrue();
    }

    @Test
    void shouldAbandonAStalledHandshakeAndRetryUntilTheServerAnswers() throws Exception {
        startClient(FaultProxy.Mode.STALL, Map.of());
        Poll.until("three stalled attempts given up by the client", WAIT,
                () -> proxy.attempts.size() >= 3 && proxy.attempts.get(2).endedNanos().isDone());
        for (int i = 0; i < 3; i++) {
            FaultProxy.Attempt a = proxy.attempts.get(i);
            long heldMs = ms(a.endedNanos().join() - a.acceptedNanos());
            // The deadline runs from the start of the attempt, a little before the accept (the first one also
            // loads the websocket classes), and is checked every 100 ms.
            assertThat(heldMs).as("stalled attempt %d held for", i).isLessThanOrEqualTo(400L + 100 + SLACK_MS);
            if (i > 0) {
                assertThat(heldMs).as("stalled attempt %d held for", i).isGreaterThanOrEqualTo(400L - 100);
            }
        }
        assertThat(metrics.handshakeTimeouts()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.reconnects(ReconnectReason.HANDSHAKE_TIMEOUT)).isGreaterThanOrEqualTo(3);
        assertThat(metrics.connected()).isFalse();
        assertThat(server.sessions).isEmpty();

        proxy.mode = FaultProxy.Mode.PASS;
        assertAlive(awaitSubscribed(0), "after-stall");
        assertThat(proxy.attempts.stream().filter(a -> a.mode() == FaultProxy.Mode.STALL))
                .as("no stalled socket is left open").allMatch(a -> a.endedNanos().isDone());
    }

    @Test
    void shouldBackOffExponentiallyWhileTheServerClosesAtOnceAndResetOnlyOnceAConnectionProvedItself() throws Exception {
        startClient(FaultProxy.Mode.UPGRADE_THEN_CLOSE, Map.of("NETOBS_RIS_BACKOFF_MIN_MS", "100", "NETOBS_RIS_BACKOFF_MAX_MS", "800"));
        Poll.until("seven attempts", WAIT, () -> proxy.attempts.size() >= 7);
        StringBuilder gaps = new StringBuilder();
        for (int failure = 1; failure <= 6; failure++) {
            long gap = ms(proxy.attempts.get(failure).acceptedNanos() - proxy.attempts.get(failure - 1).acceptedNanos());
            long ceiling = Math.min(800, 100L << (failure - 1));
            gaps.append(gap).append(" ms in [").append(ceiling / 2).append(", ").append(ceiling).append("]; ");
            assertThat(gap).as("delay after failure %d: %s", failure, gaps).isBetween(ceiling / 2, ceiling + SLACK_MS);
        }
        assertThat(metrics.reconnects(ReconnectReason.CONNECT_FAILED)).as("every websocket did open").isZero();
        assertThat(metrics.reconnects(ReconnectReason.CLOSED) + metrics.reconnects(ReconnectReason.SEND_FAILED))
                .isGreaterThanOrEqualTo(6);

        // Open, subscribed, but never a message (no ack, no pong) for longer than the reset period: no reset.
        server.acknowledge = false;
        server.answerPings = false;
        proxy.mode = FaultProxy.Mode.PASS;
        FakeRisLive.Session mute = awaitSubscribed(0);
        int failuresBefore = client.failuresInARow();
        assertThat(failuresBefore).as("opening alone resets nothing").isGreaterThanOrEqualTo(6);
        Poll.until("the mute connection given up as silent", WAIT, () -> metrics.reconnects(ReconnectReason.SILENT) == 1);
        assertThat(client.failuresInARow()).as("no reset without a message").isGreaterThan(failuresBefore);
        assertThat(mute.pings).isPositive();

        // A connection that stays up for the reset period and carries messages does reset it.
        server.acknowledge = true;
        server.answerPings = true;
        FakeRisLive.Session good = awaitSubscribed(server.sessions.indexOf(mute) + 1);
        assertThat(client.failuresInARow()).as("still under the reset period").isPositive();
        assertAlive(good, "proved");
        Poll.until("backoff reset by a proven connection", WAIT, () -> client.failuresInARow() == 0);
        int before = proxy.attempts.size();
        long dropped = System.nanoTime();
        server.drop(good);
        Poll.until("reconnection after the drop", WAIT, () -> proxy.attempts.size() > before);
        long gap = ms(proxy.attempts.get(before).acceptedNanos() - dropped);
        assertThat(gap).as("first delay again").isBetween(50L - 5, 100L + SLACK_MS);
        assertAlive(awaitSubscribed(server.sessions.indexOf(good) + 1), "after-reset");
    }

    @Test
    void shouldKeepTheWatchdogRunningWhenASendHitsAClosingSocket() throws Exception {
        startClient(FaultProxy.Mode.UPGRADE_THEN_CLOSE, Map.of());
        // The server's close frame arrives with the upgrade answer, so the websocket is often closing by the
        // time the supervisor sends the first subscribe (or a ping): about every second attempt's send fails.
        // the failure is counted first, the reconnection it causes a moment later
        Poll.until("a send on a closing socket, and the reconnection it caused", WAIT,
                () -> metrics.sendFailures() >= 1 && metrics.reconnects(ReconnectReason.SEND_FAILED) >= 1);
        String text = registry.scrape();
        assertThat(text).containsPattern("netobs_bgp_ingest_send_failures_total\\{message=\"(subscribe|ping)\"} [1-9]");

        proxy.mode = FaultProxy.Mode.PASS;
        FakeRisLive.Session first = awaitSubscribed(0);
        assertAlive(first, "after-send-failure");
        // The watchdog survives more than one reconnection: drop again, the next connection is kept alive too.
        server.drop(first);
        assertAlive(awaitSubscribed(server.sessions.indexOf(first) + 1), "second-reconnection");
    }
}

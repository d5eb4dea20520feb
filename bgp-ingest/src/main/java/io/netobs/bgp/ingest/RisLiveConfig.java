package io.netobs.bgp.ingest;

import io.netobs.schema.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * RIS Live client settings, from the environment, validated at start-up.
 *
 * @param url                RIS_LIVE_URL, default {@value #DEFAULT_URL}
 * @param pingInterval       NETOBS_RIS_PING_INTERVAL_MS (default 15 s): application-level {"type":"ping"}
 * @param silenceTimeout     NETOBS_RIS_SILENCE_TIMEOUT_MS (default 60 s): no message and no pong for this long
 *                           means the connection is dead even if TCP says otherwise; it is closed and reopened
 * @param handshakeTimeout   NETOBS_RIS_HANDSHAKE_TIMEOUT_MS (default 10 s): name lookup, TCP connect, TLS and the
 *                           websocket upgrade together; a server that accepts TCP and never answers is abandoned
 * @param backoffMin         NETOBS_RIS_BACKOFF_MIN_MS (default 1 s): first reconnect delay
 * @param backoffMax         NETOBS_RIS_BACKOFF_MAX_MS (default 60 s): reconnect delay cap
 * @param backoffResetAfter  NETOBS_RIS_BACKOFF_RESET_AFTER_MS (default 30 s): the backoff returns to its minimum only
 *                           after a connection stayed open this long and received at least one message
 * @param subscribesPerSecond NETOBS_RIS_SUBSCRIBES_PER_SECOND (default 4): RIS Live asks clients not to flood it
 * @param queueCapacity      NETOBS_RIS_QUEUE_CAPACITY (default 20000 frames) between websocket and publisher
 */
public record RisLiveConfig(URI url, Duration pingInterval, Duration silenceTimeout, Duration handshakeTimeout,
                            Duration backoffMin, Duration backoffMax, Duration backoffResetAfter,
                            double subscribesPerSecond, int queueCapacity) {
    public static final String DEFAULT_URL = "wss://ris-live.ripe.net/v1/ws/?client=netobs";

    public RisLiveConfig {
        String scheme = url.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("RIS_LIVE_URL must be ws:// or wss://, got " + url);
        }
        if (!positive(pingInterval) || silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("need 0 < NETOBS_RIS_PING_INTERVAL_MS < NETOBS_RIS_SILENCE_TIMEOUT_MS, "
                    + "or a healthy connection would be dropped between two pings");
        }
        if (!positive(handshakeTimeout) || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("NETOBS_RIS_HANDSHAKE_TIMEOUT_MS must be between 1 and " + Integer.MAX_VALUE);
        }
        if (!positive(backoffMin) || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("need 0 < NETOBS_RIS_BACKOFF_MIN_MS <= NETOBS_RIS_BACKOFF_MAX_MS");
        }
        if (backoffResetAfter.isNegative()) {
            throw new IllegalArgumentException("NETOBS_RIS_BACKOFF_RESET_AFTER_MS must not be negative");
        }
        if (!(subscribesPerSecond > 0) || queueCapacity < 1) {
            throw new IllegalArgumentException("NETOBS_RIS_SUBSCRIBES_PER_SECOND and NETOBS_RIS_QUEUE_CAPACITY must be positive");
        }
    }

    private static boolean positive(Duration d) {
        return !d.isNegative() && !d.isZero(); // Duration.isPositive() is Java 18+
    }

    private static URI uri(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Env.InvalidValue("RIS_LIVE_URL", url, "not a URL: " + e.getMessage(), e);
        }
    }

    /** Throws {@link Env.InvalidValue} naming the variable for a value that is not a number, or the reason above. */
    public static RisLiveConfig fromEnv(Map<String, String> env) {
        Env e = new Env(env);
        return new RisLiveConfig(
                uri(e.string("RIS_LIVE_URL", DEFAULT_URL)),
                e.millis("NETOBS_RIS_PING_INTERVAL_MS", Duration.ofSeconds(15)),
                e.millis("NETOBS_RIS_SILENCE_TIMEOUT_MS", Duration.ofSeconds(60)),
                e.millis("NETOBS_RIS_HANDSHAKE_TIMEOUT_MS", Duration.ofSeconds(10)),
                e.millis("NETOBS_RIS_BACKOFF_MIN_MS", Duration.ofSeconds(1)),
                e.millis("NETOBS_RIS_BACKOFF_MAX_MS", Duration.ofSeconds(60)),
                e.millis("NETOBS_RIS_BACKOFF_RESET_AFTER_MS", Duration.ofSeconds(30)),
                e.decimal("NETOBS_RIS_SUBSCRIBES_PER_SECOND", 4, 0, Double.MAX_VALUE),
                e.integer("NETOBS_RIS_QUEUE_CAPACITY", 20_000, 0, Integer.MAX_VALUE));
    }
}

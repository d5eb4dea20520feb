package io.netobs.bgp.ingest;

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
 * @param backoffMin         NETOBS_RIS_BACKOFF_MIN_MS (default 1 s): first reconnect delay
 * @param backoffMax         NETOBS_RIS_BACKOFF_MAX_MS (default 60 s): reconnect delay cap
 * @param subscribesPerSecond NETOBS_RIS_SUBSCRIBES_PER_SECOND (default 4): RIS Live asks clients not to flood it
 * @param queueCapacity      NETOBS_RIS_QUEUE_CAPACITY (default 20000 frames) between websocket and publisher
 */
public record RisLiveConfig(URI url, Duration pingInterval, Duration silenceTimeout, Duration backoffMin,
                            Duration backoffMax, double subscribesPerSecond, int queueCapacity) {
    public static final String DEFAULT_URL = "wss://ris-live.ripe.net/v1/ws/?client=netobs";

    public RisLiveConfig {
        String scheme = url.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("RIS_LIVE_URL must be ws:// or wss://, got " + url);
        }
        if (silenceTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("NETOBS_RIS_SILENCE_TIMEOUT_MS must exceed NETOBS_RIS_PING_INTERVAL_MS, "
                    + "or a healthy connection would be dropped between two pings");
        }
        if (backoffMin.isNegative() || backoffMin.isZero() || backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("need 0 < NETOBS_RIS_BACKOFF_MIN_MS <= NETOBS_RIS_BACKOFF_MAX_MS");
        }
        if (!(subscribesPerSecond > 0) || queueCapacity < 1) {
            throw new IllegalArgumentException("NETOBS_RIS_SUBSCRIBES_PER_SECOND and NETOBS_RIS_QUEUE_CAPACITY must be positive");
        }
    }

    public static RisLiveConfig fromEnv(Map<String, String> env) {
        return new RisLiveConfig(
                URI.create(env.getOrDefault("RIS_LIVE_URL", DEFAULT_URL)),
                Duration.ofMillis(number(env, "NETOBS_RIS_PING_INTERVAL_MS", 15_000)),
                Duration.ofMillis(number(env, "NETOBS_RIS_SILENCE_TIMEOUT_MS", 60_000)),
                Duration.ofMillis(number(env, "NETOBS_RIS_BACKOFF_MIN_MS", 1_000)),
                Duration.ofMillis(number(env, "NETOBS_RIS_BACKOFF_MAX_MS", 60_000)),
                Double.parseDouble(env.getOrDefault("NETOBS_RIS_SUBSCRIBES_PER_SECOND", "4")),
                (int) number(env, "NETOBS_RIS_QUEUE_CAPACITY", 20_000));
    }

    static long number(Map<String, String> env, String name, long dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'");
        }
    }
}

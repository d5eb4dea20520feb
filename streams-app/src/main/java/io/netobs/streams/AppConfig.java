package io.netobs.streams;

import io.netobs.streams.bgp.BgpModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the streams app, read from the environment with a documented default for each.
 *
 * @param windowSize        NETOBS_WINDOW_SIZE, ISO-8601 duration, default PT1M
 * @param windowGrace       NETOBS_WINDOW_GRACE, default PT30S: how long after a window's end a late
 *                          result still counts in it
 * @param windowRetention   NETOBS_WINDOW_RETENTION, default size + grace (the minimum Streams
 *                          allows): how long the window store keeps a window. Closed windows are
 *                          emitted from the suppression buffer and their latest kept in the
 *                          latest-windows store, so the window store needs nothing older; a longer
 *                          retention only serves interactive queries of older windows.
 * @param httpPort          NETOBS_HTTP_PORT, default 8080
 * @param applicationId     NETOBS_APPLICATION_ID, default netobs-streams (consumer group, topic prefix)
 * @param applicationServer NETOBS_APPLICATION_SERVER, default localhost:&lt;httpPort&gt;: host:port other
 *                          instances use to forward /api requests here
 * @param stateDir          NETOBS_STATE_DIR, default ./data/streams-state
 * @param maxSeries         NETOBS_MAX_SERIES, default 100000: distinct (target, type, canary) series kept
 *                          per partition; results of further new series are counted, not exported
 * @param streamThreads     NETOBS_STREAM_THREADS, default 1
 * @param replicationFactor NETOBS_REPLICATION_FACTOR, default -1 (the broker's default) for internal topics
 * @param bgp               the BGP topology, present when NETOBS_BGP_CONFIG names a file
 */
public record AppConfig(
        Duration windowSize,
        Duration windowGrace,
        Duration windowRetention,
        int httpPort,
        String applicationId,
        String applicationServer,
        Path stateDir,
        int maxSeries,
        int streamThreads,
        int replicationFactor,
        Optional<BgpModule> bgp) {

    public AppConfig {
        if (windowSize.isNegative() || windowSize.isZero()) {
            throw new IllegalArgumentException("NETOBS_WINDOW_SIZE must be positive, was " + windowSize);
        }
        if (windowGrace.isNegative()) {
            throw new IllegalArgumentException("NETOBS_WINDOW_GRACE must not be negative, was " + windowGrace);
        }
        if (windowRetention.compareTo(windowSize.plus(windowGrace)) < 0) {
            throw new IllegalArgumentException("NETOBS_WINDOW_RETENTION must be at least size + grace, was "
                    + windowRetention);
        }
        if (maxSeries < 1) {
            throw new IllegalArgumentException("NETOBS_MAX_SERIES must be >= 1, was " + maxSeries);
        }
    }

    /** Reads the settings; the BGP module is loaded by {@link BgpModule#fromEnv(Map)}. */
    public static AppConfig fromEnv(Map<String, String> env) {
        return fromEnv(env, BgpModule.fromEnv(env));
    }

    /** Reads the settings with a given BGP module (tests and the benchmark pass none). */
    public static AppConfig fromEnv(Map<String, String> env, Optional<BgpModule> bgp) {
        int port = Integer.parseInt(get(env, "NETOBS_HTTP_PORT", "8080"));
        return new AppConfig(
                Duration.parse(get(env, "NETOBS_WINDOW_SIZE", "PT1M")),
                Duration.parse(get(env, "NETOBS_WINDOW_GRACE", "PT30S")),
                retention(env),
                port,
                get(env, "NETOBS_APPLICATION_ID", "netobs-streams"),
                get(env, "NETOBS_APPLICATION_SERVER", "localhost:" + port),
                Path.of(get(env, "NETOBS_STATE_DIR", "data/streams-state")),
                Integer.parseInt(get(env, "NETOBS_MAX_SERIES", "100000")),
                Integer.parseInt(get(env, "NETOBS_STREAM_THREADS", "1")),
                Integer.parseInt(get(env, "NETOBS_REPLICATION_FACTOR", "-1")),
                bgp);
    }

    /** Same settings with other window durations (tests use tiny windows). */
    public AppConfig withWindows(Duration size, Duration grace, Duration retention) {
        return new AppConfig(size, grace, retention, httpPort, applicationId, applicationServer, stateDir, maxSeries,
                streamThreads, replicationFactor, bgp);
    }

    public AppConfig withHttp(int port, String applicationServer) {
        return new AppConfig(windowSize, windowGrace, windowRetention, port, applicationId, applicationServer, stateDir,
                maxSeries, streamThreads, replicationFactor, bgp);
    }

    public AppConfig withState(String applicationId, java.nio.file.Path dir) {
        return new AppConfig(windowSize, windowGrace, windowRetention, httpPort, applicationId, applicationServer, dir,
                maxSeries, streamThreads, replicationFactor, bgp);
    }

    public AppConfig withMaxSeries(int max) {
        return new AppConfig(windowSize, windowGrace, windowRetention, httpPort, applicationId, applicationServer,
                stateDir, max,
                streamThreads, replicationFactor, bgp);
    }

    private static Duration retention(Map<String, String> env) {
        String v = env.get("NETOBS_WINDOW_RETENTION");
        if (v != null && !v.isBlank()) {
            return Duration.parse(v.trim());
        }
        return Duration.parse(get(env, "NETOBS_WINDOW_SIZE", "PT1M")).plus(Duration.parse(get(env, "NETOBS_WINDOW_GRACE", "PT30S")));
    }

    private static String get(Map<String, String> env, String name, String def) {
        String v = env.get(name);
        return v == null || v.isBlank() ? def : v.trim();
    }
}

package io.netobs.streams;

import io.netobs.schema.Env;
import io.netobs.streams.bgp.BgpModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Settings of the streams app, read from the environment with a documented default for each.
 *
 * @param windowSize        NETOBS_WINDOW_SIZE, default PT1M: tumbling window
 * @param windowGrace       NETOBS_WINDOW_GRACE, default PT30S: how long after a window's end a late
 *                          result still counts in it
 * @param windowRetention   NETOBS_WINDOW_RETENTION, default PT1H: how long closed windows are kept
 *                          for /api and the status page (at least size + grace)
 * @param maxClockSkew      NETOBS_MAX_CLOCK_SKEW, default PT5M: a result observed further ahead of
 *                          this instance's clock is refused (dead letter {@code timestamp_in_future})
 * @param idleCloseAfter    NETOBS_IDLE_CLOSE_AFTER, default PT30S: a partition that received nothing
 *                          for this long closes its windows by the wall clock
 * @param seriesExpiry      NETOBS_SERIES_EXPIRY, default P1D: a series that received nothing for this
 *                          long leaves every store and /metrics
 * @param maxRecordBytes    NETOBS_MAX_RECORD_BYTES, default 262144: larger input records are refused
 *                          ({@code too_large}) before anything is derived from them
 * @param httpHost          NETOBS_HTTP_HOST, default 0.0.0.0 (127.0.0.1 in the embedded run)
 * @param httpPort          NETOBS_HTTP_PORT, default 8080
 * @param applicationId     NETOBS_APPLICATION_ID, default netobs-streams (consumer group, topic prefix)
 * @param applicationServer NETOBS_APPLICATION_SERVER, default localhost:&lt;httpPort&gt;: host:port other
 *                          instances use to forward /api requests here
 * @param stateDir          NETOBS_STATE_DIR, default ./data/streams-state
 * @param maxSeries         NETOBS_MAX_SERIES, default 100000: (target, type, canary) series kept per
 *                          partition; results of further new series are counted, not kept
 * @param streamThreads     NETOBS_STREAM_THREADS, default the machine's cores, at most 4
 * @param replicationFactor NETOBS_REPLICATION_FACTOR, default -1 (the broker's default) for internal topics
 * @param inputPartitions   partitions of canary-results, each an event-time source the windows wait
 *                          for; read from the cluster at start-up (1 in tests)
 * @param bgp               the BGP topology, present when NETOBS_BGP_CONFIG names a file
 */
public record AppConfig(
        Duration windowSize,
        Duration windowGrace,
        Duration windowRetention,
        Duration maxClockSkew,
        Duration idleCloseAfter,
        Duration seriesExpiry,
        int maxRecordBytes,
        String httpHost,
        int httpPort,
        String applicationId,
        String applicationServer,
        Path stateDir,
        int maxSeries,
        int streamThreads,
        int replicationFactor,
        int inputPartitions,
        Optional<BgpModule> bgp) {

    public AppConfig {
        positive("NETOBS_WINDOW_SIZE", windowSize);
        if (windowGrace.isNegative()) {
            throw new IllegalArgumentException("NETOBS_WINDOW_GRACE must not be negative, was " + windowGrace);
        }
        if (windowRetention.compareTo(windowSize.plus(windowGrace)) < 0) {
            throw new IllegalArgumentException("NETOBS_WINDOW_RETENTION must be at least size + grace, was "
                    + windowRetention);
        }
        positive("NETOBS_MAX_CLOCK_SKEW", maxClockSkew);
        positive("NETOBS_IDLE_CLOSE_AFTER", idleCloseAfter);
        positive("NETOBS_SERIES_EXPIRY", seriesExpiry);
        if (seriesExpiry.compareTo(windowSize.plus(windowGrace).plus(idleCloseAfter)) < 0) {
            throw new IllegalArgumentException("NETOBS_SERIES_EXPIRY must be at least size + grace + idle close, was "
                    + seriesExpiry);
        }
        if (inputPartitions < 1) {
            throw new IllegalArgumentException("canary-results must have at least one partition, has " + inputPartitions);
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
        Env e = new Env(env);
        int port = e.integer("NETOBS_HTTP_PORT", 8080, 0, 65535);
        return new AppConfig(
                e.duration("NETOBS_WINDOW_SIZE", Duration.ofMinutes(1)),
                e.duration("NETOBS_WINDOW_GRACE", Duration.ofSeconds(30)),
                e.duration("NETOBS_WINDOW_RETENTION", Duration.ofHours(1)),
                e.duration("NETOBS_MAX_CLOCK_SKEW", Duration.ofMinutes(5)),
                e.duration("NETOBS_IDLE_CLOSE_AFTER", Duration.ofSeconds(30)),
                e.duration("NETOBS_SERIES_EXPIRY", Duration.ofDays(1)),
                e.integer("NETOBS_MAX_RECORD_BYTES", 256 * 1024, 1024, 900 * 1024),
                e.string("NETOBS_HTTP_HOST", "0.0.0.0"),
                port,
                e.string("NETOBS_APPLICATION_ID", "netobs-streams"),
                e.string("NETOBS_APPLICATION_SERVER", "localhost:" + port),
                Path.of(e.string("NETOBS_STATE_DIR", "data/streams-state")),
                e.integer("NETOBS_MAX_SERIES", 100_000, 1, Integer.MAX_VALUE),
                e.integer("NETOBS_STREAM_THREADS", defaultStreamThreads(), 1, 64),
                e.integer("NETOBS_REPLICATION_FACTOR", -1, -1, Short.MAX_VALUE),
                1,
                bgp);
    }

    /**
     * One stream thread per core, at most 4. A thread runs its tasks one after the other, and the BGP
     * topology's two sub-topologies (decode and repartition, then route state) are CPU-bound in one
     * thread: on 2 cores a second thread raised the benchmark's BGP rate from 44,000 to 60,000 updates/s.
     * Beyond 4, threads mostly wait for the 12 tasks of a 4-partition deployment.
     */
    static int defaultStreamThreads() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Same settings with other window durations (tests use tiny windows). */
    public AppConfig withWindows(Duration size, Duration grace, Duration retention) {
        return new AppConfig(size, grace, retention, maxClockSkew, idleCloseAfter, seriesExpiry, maxRecordBytes,
                httpHost, httpPort, applicationId, applicationServer, stateDir, maxSeries, streamThreads,
                replicationFactor, inputPartitions, bgp);
    }

    public AppConfig withTimeouts(Duration skew, Duration idleClose, Duration expiry) {
        return new AppConfig(windowSize, windowGrace, windowRetention, skew, idleClose, expiry, maxRecordBytes,
                httpHost, httpPort, applicationId, applicationServer, stateDir, maxSeries, streamThreads,
                replicationFactor, inputPartitions, bgp);
    }

    public AppConfig withHttp(String host, int port, String applicationServer) {
        return new AppConfig(windowSize, windowGrace, windowRetention, maxClockSkew, idleCloseAfter, seriesExpiry,
                maxRecordBytes, host, port, applicationId, applicationServer, stateDir, maxSeries, streamThreads,
                replicationFactor, inputPartitions, bgp);
    }

    public AppConfig withState(String applicationId, Path dir) {
        return new AppConfig(windowSize, windowGrace, windowRetention, maxClockSkew, idleCloseAfter, seriesExpiry,
                maxRecordBytes, httpHost, httpPort, applicationId, applicationServer, dir, maxSeries, streamThreads,
                replicationFactor, inputPartitions, bgp);
    }

    public AppConfig withMaxSeries(int max) {
        return new AppConfig(windowSize, windowGrace, windowRetention, maxClockSkew, idleCloseAfter, seriesExpiry,
                maxRecordBytes, httpHost, httpPort, applicationId, applicationServer, stateDir, max, streamThreads,
                replicationFactor, inputPartitions, bgp);
    }

    /** Same settings for an input topic of {@code partitions} partitions. */
    public AppConfig withInputPartitions(int partitions) {
        return new AppConfig(windowSize, windowGrace, windowRetention, maxClockSkew, idleCloseAfter, seriesExpiry,
                maxRecordBytes, httpHost, httpPort, applicationId, applicationServer, stateDir, maxSeries, streamThreads,
                replicationFactor, partitions, bgp);
    }

    private static void positive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}

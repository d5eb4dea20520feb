package io.netobs.infra.run;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import io.netobs.streams.StreamsMain;

/**
 * {@code netobs run [--offline]}: the whole platform on this machine until Ctrl-C. With no Kafka
 * configured (KAFKA_BOOTSTRAP_SERVERS, NETOBS_KAFKA_PROPERTIES, KAFKA_CLIENT_*) it embeds a broker
 * whose data, like the streams state, lives in NETOBS_WORK_DIR (default ./netobs-data), so the
 * next start resumes where this one stopped.
 */
public final class NetobsMain {
    private NetobsMain() {
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String a : args) {
            switch (a) {
                case "--offline" -> env.put(RunSettings.OFFLINE, "true");
                case "-h", "--help" -> {
                    System.out.println("usage: netobs run [--offline]   (see README for the NETOBS_* variables)");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
            }
        }
        Path workDir = Path.of(env.getOrDefault(RunSettings.WORK_DIR, RunSettings.DEFAULT_WORK_DIR));
        EmbeddedRun run = EmbeddedRun.start(workDir, env);
        Runtime.getRuntime().addShutdownHook(new Thread(run::close, "netobs-shutdown"));
        System.out.println("netobs: running; Ctrl-C stops everything (state kept in " + workDir.toAbsolutePath() + ")");
        // Blocks until a component fails for good; Ctrl-C ends the JVM through the shutdown hook.
        String why = run.failure().get();
        System.err.println("netobs: " + why + "; stopping everything");
        run.close();
        System.exit(StreamsMain.EXIT_STREAMS_FAILED);
    }

    /**
     * The runner is an application, so it picks slf4j-simple and its levels: our components at info,
     * the broker and the Kafka clients at warn (they log every config and rebalance at info).
     * Set before the first logger exists; a -D on the command line still wins.
     */
    private static void quietLogging() {
        Map<String, String> levels = Map.of(
                "org.slf4j.simpleLogger.defaultLogLevel", "info",
                "org.slf4j.simpleLogger.log.org.apache.kafka", "warn",
                "org.slf4j.simpleLogger.log.kafka", "warn",
                "org.slf4j.simpleLogger.log.state.change.logger", "warn",
                "org.slf4j.simpleLogger.log.org.apache.kafka.controller.QuorumController", "error",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
                "org.slf4j.simpleLogger.log.io.javalin", "warn",
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
        levels.forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}

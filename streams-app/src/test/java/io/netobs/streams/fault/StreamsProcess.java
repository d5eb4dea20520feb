package io.netobs.streams.fault;

import io.netobs.streams.StreamsMain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The streams app in its own JVM, started as an operator would start it ({@code java -cp ...
 * StreamsMain}, configured only through its environment), so a test can SIGKILL it
 * ({@link Process#destroyForcibly()}) and see what survives. Its output goes to a log file whose
 * tail is attached to any failure.
 */
final class StreamsProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path log;
    private final Map<String, String> env;
    private final Process process;
    private final int port;

    private StreamsProcess(String name, Path log, Map<String, String> env, Process process) {
        this.name = name;
        this.log = log;
        this.env = env;
        this.process = process;
        this.port = Integer.parseInt(env.get("NETOBS_HTTP_PORT"));
    }

    /**
     * Starts an instance: HTTP on a free loopback port (its application.server), state under
     * {@code dir/name}. {@code env} adds or overrides NETOBS_* settings.
     */
    static StreamsProcess start(String name, Path dir, String bootstrap, Map<String, String> env) throws IOException {
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        all.put("NETOBS_HTTP_HOST", "127.0.0.1");
        all.put("NETOBS_HTTP_PORT", Integer.toString(port));
        all.put("NETOBS_APPLICATION_SERVER", "127.0.0.1:" + port);
        all.put("NETOBS_STATE_DIR", dir.resolve(name).toString());
        all.putAll(env);
        return launch(name, dir.resolve(name + ".log"), all);
    }

    /** A new process with exactly this one's settings (same port, state directory and application id). */
    StreamsProcess restart(String newName) throws IOException {
        return launch(newName, log.resolveSibling(newName + ".log"), env);
    }

    private static StreamsProcess launch(String name, Path log, Map<String, String> env) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.log.io.netobs=info",
                "-cp", System.getProperty("java.class.path"), StreamsMain.class.getName()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("NETOBS_") || k.startsWith("KAFKA_"));
        pb.environment().putAll(env);
        return new StreamsProcess(name, log, Map.copyOf(env), pb.start());
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Process process() {
        return process;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The current /metrics, parsed; fails when the process is gone or the answer is not 200. */
    Scrape scrape() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
        }
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new IOException(name + " /metrics answered " + r.statusCode());
        }
        return Scrape.parse(r.body());
    }

    /** Waits for /health to say RUNNING (not merely up: REBALANCING is 200 too). */
    void awaitRunning(Duration timeout) throws InterruptedException {
        Poll.until(name + " RUNNING; log tail:\n" + logTail(), timeout, 200, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; log tail:\n" + logTail());
            }
            return get("/health");
        }, r -> r.statusCode() == 200 && r.body().contains("\"RUNNING\""));
    }

    /** SIGKILL: no shutdown hook, no flush, no commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 30 s");
        }
    }

    /** Exit status of a JVM ended by SIGTERM after its shutdown hooks ran (128 + 15). */
    static final int EXIT_SIGTERM = 143;

    /**
     * SIGTERM: the shutdown hook closes Streams cleanly (leaving the group, writing checkpoints);
     * returns the exit status, {@link #EXIT_SIGTERM} for a JVM that ran its hooks.
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 60 s of SIGTERM; log tail:\n" + logTail());
        }
        return process.exitValue();
    }

    /** True when the log says the app closed everything (the last line StreamsMain's close writes). */
    boolean stoppedCleanly() {
        return logTail().contains("netobs streams app " + env.get("NETOBS_APPLICATION_ID") + " stopped");
    }

    String logTail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    /** Kills what is still running; a test that ended normally has stopped it already. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return s.getLocalPort();
        }
    }
}

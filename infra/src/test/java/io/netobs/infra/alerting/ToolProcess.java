package io.netobs.infra.alerting;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server binary of the stack (prometheus, alertmanager) run by a test on a loopback port: started with its output in
 * a log file, ready when {@code /-/ready} answers 200, stopped with SIGTERM (then killed if it lingers).
 */
final class ToolProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path log;
    final int port;

    private ToolProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The first of {@code names} on PATH; the test is skipped, naming the Debian package, when none is. */
    static Path require(String debianPackage, String... names) {
        Optional<Path> found = find(names);
        Assumptions.assumeTrue(found.isPresent(), String.join(" or ", names) + " is not installed (Debian: apt-get install "
                + debianPackage + "); the end-to-end alerting checks are skipped");
        return found.get();
    }

    static Optional<Path> find(String... names) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    static ToolProcess start(String name, Path binary, int port, Path workDir, Duration readyWithin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString()));
        cmd.addAll(List.of(args));
        Path log = workDir.resolve(name + ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        ToolProcess tool = new ToolProcess(name, p, log, port);
        try {
            tool.awaitReady(readyWithin);
        } catch (RuntimeException | Error | InterruptedException e) {
            tool.close();
            throw e;
        }
        return tool;
    }

    private void awaitReady(Duration within) throws InterruptedException {
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(100); // poll interval
        }
        throw new IllegalStateException(name + " not ready within " + within + ":\n" + logTail());
    }

    /** The end of the process' output, for failure messages. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

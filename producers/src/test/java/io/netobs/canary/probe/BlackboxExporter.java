package io.netobs.canary.probe;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' blackbox_exporter run as a child process on a loopback port with our own modules (never
 * the system service), asked through its {@code /probe?target=...&module=...} endpoint. Debian package:
 * prometheus-blackbox-exporter; {@code NETOBS_BLACKBOX_EXPORTER} may name another binary.
 */
final class BlackboxExporter implements AutoCloseable {
    static final String DEBIAN_PACKAGE = "prometheus-blackbox-exporter";

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BlackboxExporter(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The binary: $NETOBS_BLACKBOX_EXPORTER, else prometheus-blackbox-exporter or blackbox_exporter on the PATH. */
    static Optional<Path> binary() {
        String env = System.getenv("NETOBS_BLACKBOX_EXPORTER");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            for (String name : new String[] {"prometheus-blackbox-exporter", "blackbox_exporter"}) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the binary with {@code modulesYaml} (a complete blackbox.yml) and waits until it answers. */
    static BlackboxExporter start(Path binary, Path dir, String modulesYaml) throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("blackbox.yml"), modulesYaml);
        Path log = dir.resolve("blackbox.log");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BlackboxExporter b = new BlackboxExporter(p, port, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("blackbox_exporter exited with " + p.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (b.get("/-/healthy").statusCode() == 200) {
                    return b;
                }
            } catch (IOException e) {
                // not listening yet
            }
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        b.close();
        throw new IOException("blackbox_exporter did not answer within 15 s: " + Files.readString(log));
    }

    /** One probe; the scrape as series text ({@code name{labels}}) to value. */
    Map<String, Double> probe(String target, String module) throws IOException, InterruptedException {
        HttpResponse<String> r = get("/probe?module=" + module + "&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("blackbox_exporter answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Double> out = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int cut = line.lastIndexOf(' ');
            out.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
        }
        return out;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }
}

package io.netobs.infra.stack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/**
 * The embedded runner's default agent configuration (infra/config/agent.yml), moved to the IT's free ports and work
 * directory, plus one HTTPS target on loopback (the TLS families, certificate expiry and the tls phase, only exist once a
 * canary has talked TLS, and the default configuration has no HTTPS target) and one TCP target that refuses connections
 * (the probe error counter only exists once a probe failed).
 */
final class ItAgentConfig implements AutoCloseable {
    private static final char[] PASSWORD = "netobs-it".toCharArray();
    private final HttpsServer https;
    final Path file;

    private ItAgentConfig(HttpsServer https, Path file) {
        this.https = https;
        this.file = file;
    }

    /**
     * @param closedPort a loopback port nothing listens on: its TCP target fails on every run, which is what makes the
     *                   agent's per-reason error counter exist
     */
    static ItAgentConfig write(Path workDir, int closedPort) throws Exception {
        HttpsServer https = startHttps(workDir);
        try {
            // The default targets follow NETOBS_HTTP_PORT and NETOBS_OFFLINE_DNS_PORT, which the IT sets.
            String text = Files.readString(StackFiles.infra().resolve("config/agent.yml"));
            ObjectNode root = (ObjectNode) StackFiles.YAML.readTree(text);
            root.withObject("/spool").put("dir", workDir.resolve("agent-spool").toString());
            ObjectNode group = ((ArrayNode) root.withArray("/probes")).addObject();
            group.put("type", "http").put("interval", "5s").put("timeout", "3s");
            group.putArray("targets").add("https://127.0.0.1:" + https.getAddress().getPort() + "/");
            // A throwaway self-signed certificate: trusting it blindly is the point of this target.
            group.putObject("options").put("tls_insecure_skip_verify", true);
            ObjectNode refused = ((ArrayNode) root.withArray("/probes")).addObject();
            refused.put("type", "tcp").put("interval", "5s").put("timeout", "2s");
            refused.putArray("targets").add("127.0.0.1:" + closedPort);
            Path file = workDir.resolve("agent-it.yml");
            StackFiles.YAML.writeValue(file.toFile(), root);
            return new ItAgentConfig(https, file);
        } catch (Exception | Error e) {
            https.stop(0);
            throw e;
        }
    }

    private static HttpsServer startHttps(Path workDir) throws Exception {
        Path keystore = workDir.resolve("it-tls.p12");
        Tool.Result keytool = Tool.run(workDir, Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "it", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        if (keytool.exitCode() != 0) {
            throw new IllegalStateException(keytool.describe());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            byte[] body = "netobs metric-names IT\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Override
    public void close() {
        https.stop(0);
    }
}

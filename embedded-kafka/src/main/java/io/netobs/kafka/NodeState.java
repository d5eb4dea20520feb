package io.netobs.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What the embedded node must remember between runs beside Kafka's own files: the cluster id (also
 * in meta.properties, kept here so we can tell "never formatted" from "formatted") and the
 * CONTROLLER listener port, so a restart binds the same quorum address it was formatted with.
 */
final class NodeState {
    static final String FILE_NAME = "netobs-embedded-kafka.properties";
    private static final String CLUSTER_ID = "cluster.id";
    private static final String CONTROLLER_PORT = "controller.port";
    /** A literal address, so nothing here ever consults a resolver. */
    static final InetAddress LOOPBACK = loopback();

    final String clusterId;
    final int controllerPort;

    private NodeState(String clusterId, int controllerPort) {
        this.clusterId = clusterId;
        this.controllerPort = controllerPort;
    }

    /** The persisted state, or null when this data dir has never been formatted by us. */
    static NodeState load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String clusterId = p.getProperty(CLUSTER_ID);
        String port = p.getProperty(CONTROLLER_PORT);
        if (clusterId == null || port == null) {
            throw new IOException(file + " is missing " + CLUSTER_ID + " or " + CONTROLLER_PORT);
        }
        return new NodeState(clusterId, Integer.parseInt(port.trim()));
    }

    static NodeState of(String clusterId, int controllerPort) {
        return new NodeState(clusterId, controllerPort);
    }

    /** Written atomically so a crash mid-write never leaves a half file that blocks the next start. */
    void save(Path dataDir) throws IOException {
        Properties p = new Properties();
        p.setProperty(CLUSTER_ID, clusterId);
        p.setProperty(CONTROLLER_PORT, Integer.toString(controllerPort));
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "netobs embedded Kafka node state; delete the whole directory to start afresh");
        }
        Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A loopback port nobody listens on right now (the usual bind-and-release; the race is accepted). */
    static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return s.getLocalPort();
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

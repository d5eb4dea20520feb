package io.netobs.infra.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free loopback ports for the ITs that start the whole embedded run. */
public final class RunPorts {
    /**
     * Ports handed out in this JVM: the OS may give a port it just freed to the next bind(0), and two
     * components of one run on the same port fail with "Address already in use".
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private RunPorts() {
    }

    /** The environment of an offline embedded run with every component on its own free port. */
    public static Map<String, String> offlineEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("NETOBS_OFFLINE", "true");
        env.put("NETOBS_EMBEDDED_KAFKA_PORT", Integer.toString(freeTcpPort()));
        env.put("NETOBS_OFFLINE_DNS_PORT", Integer.toString(freeUdpPort()));
        env.put("NETOBS_HTTP_PORT", Integer.toString(freeTcpPort()));
        env.put("NETOBS_AGENT_HTTP_PORT", Integer.toString(freeTcpPort()));
        env.put("NETOBS_INGEST_HTTP_PORT", Integer.toString(freeTcpPort()));
        return env;
    }

    public static int freeTcpPort() {
        while (true) {
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A UDP port (the loopback DNS responder binds UDP and TCP on it, so the TCP side is held too). */
    public static int freeUdpPort() {
        while (true) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

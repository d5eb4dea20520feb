package io.netobs.canary.probe;

import io.netobs.canary.config.ConfigNode;
import io.netobs.schema.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;

/**
 * TCP connect time to host:port ("127.0.0.1:8080", "[::1]:22"). A refused connection is FAILURE
 * (the host answered: nothing listens), a silent one TIMEOUT, anything else ERROR.
 */
public final class TcpProbe implements Probe {
    public static final Set<String> OPTIONS = Set.of();

    public static TcpProbe fromConfig(ConfigNode o, String canaryId) {
        o.allowKeys(OPTIONS);
        return new TcpProbe();
    }

    @Override
    public String type() {
        return "tcp";
    }

    /** host and port of "host:port" or "[v6]:port". */
    record HostPort(String host, int port) {
        static HostPort parse(String target) {
            int cut = target.lastIndexOf(':');
            if (cut <= 0 || cut == target.length() - 1) {
                throw new IllegalArgumentException("expected host:port or [ipv6]:port, got '" + target + "'");
            }
            String host = target.substring(0, cut);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("IPv6 addresses need brackets, as in [::1]:22, got '" + target + "'");
            }
            int port;
            try {
                port = Integer.parseInt(target.substring(cut + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad port in '" + target + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range 1-65535 in '" + target + "'");
            }
            return new HostPort(host, port);
        }
    }

    @Override
    public Optional<String> checkTarget(String target) {
        try {
            HostPort.parse(target);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public Outcome run(ProbeRun run) {
        HostPort hp = HostPort.parse(run.target());
        var b = run.result(Status.ERROR).port(hp.port());
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            InetAddress addr = InetAddress.getByName(hp.host());
            int ms = (int) Math.max(1, run.remaining().toMillis());
            s.connect(new InetSocketAddress(addr, hp.port()), ms);
            return Outcome.success(b.status(Status.SUCCESS).latencyMs(Outcome.round((System.nanoTime() - t0) / 1e6)));
        } catch (ConnectException e) {
            return Outcome.of(b.status(Status.FAILURE).latencyMs(Outcome.round((System.nanoTime() - t0) / 1e6))
                    .errorMessage("Connection refused: " + run.target()), "connect_refused");
        } catch (SocketTimeoutException e) {
            return Outcome.of(b.status(Status.TIMEOUT).errorMessage("Connect timed out after "
                    + run.timeout().toMillis() / 1000.0 + " seconds"), "timeout");
        } catch (UnknownHostException e) {
            return Outcome.of(b.errorMessage("Unknown host: " + hp.host()), "dns_error");
        } catch (IOException e) {
            return Outcome.of(b.errorMessage("Connect failed: " + e.getMessage()), "io_error");
        }
    }
}

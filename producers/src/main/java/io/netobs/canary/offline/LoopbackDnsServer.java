package io.netobs.canary.offline;

import io.netobs.schema.bgp.Cidr;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Zone;

/**
 * A small authoritative DNS server for one zone on a loopback address, over UDP and TCP on the same
 * port: the probes' tests and the embedded run use it so DNS canaries never touch the system
 * resolver or the internet. Unknown names get NXDOMAIN, a known name without the asked type an
 * empty NOERROR answer (both with the SOA), names outside the zone REFUSED. The default zone is
 * {@value #DEFAULT_ORIGIN}: A 127.0.0.1, AAAA ::1, MX, TXT, NS, SOA, plus ns/mail A records and a
 * www CNAME.
 */
public final class LoopbackDnsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackDnsServer.class);
    public static final String DEFAULT_ORIGIN = "netobs.test.";
    public static final String DEFAULT_ZONE = String.join("\n",
            "$ORIGIN netobs.test.",
            "$TTL 60",
            "@    IN SOA  ns.netobs.test. hostmaster.netobs.test. 1 3600 600 86400 60",
            "@    IN NS   ns.netobs.test.",
            "@    IN A    127.0.0.1",
            "@    IN AAAA ::1",
            "@    IN MX   10 mail.netobs.test.",
            "@    IN TXT  \"netobs loopback zone\"",
            "ns   IN A    127.0.0.1",
            "mail IN A    127.0.0.1",
            "www  IN CNAME netobs.test.",
            "");

    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final DnsResponder responder;
    private final ExecutorService threads;
    private volatile boolean running = true;

    private LoopbackDnsServer(DatagramSocket udp, ServerSocket tcp, Zone zone) {
        this.udp = udp;
        this.tcp = tcp;
        this.responder = new DnsResponder(zone);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "netobs-loopback-dns");
            t.setDaemon(true);
            return t;
        });
        threads.execute(this::serveUdp);
        threads.execute(this::serveTcp);
    }

    /** Serves the default zone on 127.0.0.1:{@code port} (0 = a free port). */
    public static LoopbackDnsServer start(int port) throws IOException {
        return start(InetAddress.getLoopbackAddress(), port, defaultZone());
    }

    /** Serves {@code zone} on a loopback {@code address}:{@code port} (0 = a free port, the same for UDP and TCP). */
    public static LoopbackDnsServer start(InetAddress address, int port, Zone zone) throws IOException {
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the loopback DNS server binds loopback addresses only, not " + address);
        }
        IOException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 20 : 1); attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, port));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 50);
                return new LoopbackDnsServer(udp, tcp, zone);
            } catch (IOException e) {
                // The free UDP port is taken on TCP: try another one.
                udp.close();
                last = e;
            }
        }
        throw last;
    }

    /** The default {@value #DEFAULT_ORIGIN} zone. */
    public static Zone defaultZone() {
        return zone(DEFAULT_ORIGIN, DEFAULT_ZONE);
    }

    /** A zone from master-file text (RFC 1035 syntax; must contain the SOA and NS of the origin). */
    public static Zone zone(String origin, String masterText) {
        try {
            Name o = Name.fromString(origin, Name.root);
            List<Record> records = new ArrayList<>();
            try (Master m = new Master(new ByteArrayInputStream(masterText.getBytes(StandardCharsets.UTF_8)), o, 60)) {
                for (Record r = m.nextRecord(); r != null; r = m.nextRecord()) {
                    records.add(r);
                }
            }
            return new Zone(o, records.toArray(new Record[0]));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad zone " + origin + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return udp.getLocalPort();
    }

    public InetAddress address() {
        return udp.getLocalAddress();
    }

    /** "127.0.0.1:5353" or "[::1]:5353", as the dns probe's resolver option wants it. */
    public String resolver() {
        String a = Cidr.format(address().getAddress());
        return (a.contains(":") ? "[" + a + "]" : a) + ":" + port();
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (running) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] q = java.util.Arrays.copyOf(p.getData(), p.getLength());
                byte[] answer = responder.respond(q, true);
                if (answer != null) {
                    udp.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                }
            } catch (IOException e) {
                if (running) {
                    LOG.debug("loopback DNS (udp): {}", e.toString());
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                threads.execute(() -> serveConnection(s));
            } catch (IOException e) {
                if (running) {
                    LOG.debug("loopback DNS (tcp accept): {}", e.toString());
                }
            }
        }
    }

    private void serveConnection(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            while (running) {
                int len = in.readUnsignedShort();
                byte[] q = in.readNBytes(len);
                byte[] answer = responder.respond(q, false);
                if (answer == null) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection (dnsjava uses one query per connection)
        }
    }

    @Override
    public void close() {
        running = false;
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        threads.shutdownNow();
    }
}

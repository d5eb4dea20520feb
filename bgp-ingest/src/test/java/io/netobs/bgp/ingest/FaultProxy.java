package io.netobs.bgp.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP front on 127.0.0.1 for {@link FakeRisLive} that misbehaves on demand. The mode in force when
 * a connection is accepted decides its fate: {@link Mode#STALL} accepts and never answers the
 * websocket upgrade, {@link Mode#UPGRADE_THEN_CLOSE} answers it and closes the websocket in the same
 * write, {@link Mode#PASS} relays bytes both ways to the fake server. Every attempt is recorded with
 * when it was accepted and when the client let go of it.
 */
final class FaultProxy implements AutoCloseable {
    enum Mode { STALL, UPGRADE_THEN_CLOSE, PASS }

    record Attempt(Mode mode, long acceptedNanos, CompletableFuture<Long> endedNanos) {
    }

    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");
    /** Close frame, unmasked as a server sends it: FIN + opcode 8, length 2, status 1000. */
    private static final byte[] CLOSE_FRAME = {(byte) 0x88, 0x02, 0x03, (byte) 0xE8};

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();
    volatile Mode mode;
    private final ServerSocket server;
    private final int upstreamPort;
    /** Held so a stalled socket is closed by the client or by close(), never by the garbage collector. */
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });

    FaultProxy(int upstreamPort, Mode initial) throws IOException {
        this.upstreamPort = upstreamPort;
        this.mode = initial;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            Attempt a = new Attempt(mode, System.nanoTime(), new CompletableFuture<>());
            sockets.add(s);
            attempts.add(a);
            threads.execute(() -> serve(s, a));
        }
    }

    private void serve(Socket s, Attempt a) {
        try (s) {
            switch (a.mode()) {
                case STALL -> drain(s.getInputStream());
                case UPGRADE_THEN_CLOSE -> {
                    upgradeThenClose(s);
                    drain(s.getInputStream());
                }
                case PASS -> relay(s);
            }
        } catch (IOException e) {
            // the client went away mid-way: that is the end this attempt records
        } finally {
            a.endedNanos().complete(System.nanoTime());
        }
    }

    /** Reads until the client closes its side. */
    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    /** One write holds both the 101 answer and the close frame, so the client sees them together. */
    private static void upgradeThenClose(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        while (!request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            request.write(b);
        }
        Matcher key = KEY.matcher(request.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("upgrade request without Sec-WebSocket-Key");
        }
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        answer.writeBytes(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept(key.group(1)) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        answer.writeBytes(CLOSE_FRAME);
        OutputStream out = s.getOutputStream();
        out.write(answer.toByteArray());
        out.flush();
    }

    /** RFC 6455 section 4.2.2: base64(SHA-1(key + GUID)). */
    private static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void relay(Socket client) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            sockets.add(upstream);
            threads.execute(() -> pipe(client, upstream));
            pipe(upstream, client);
        }
    }

    /** Copies until either side ends, then closes both so the other direction ends too. */
    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // one side is gone
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(FaultProxy::closeQuietly);
        threads.shutdownNow();
    }
}

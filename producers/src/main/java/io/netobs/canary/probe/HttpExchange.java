package io.netobs.canary.probe;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request on a fresh socket, timing each phase itself: java.net.http.HttpClient hides
 * DNS, connect and TLS behind one call, so a probe that must report them (as blackbox_exporter's
 * httptrace does) talks to the socket directly. Phases are consecutive slices of one clock, so they
 * add up to the total by construction. {@code Connection: close} keeps the framing simple and makes
 * every probe pay the full connection cost, which is what a synthetic check wants to see.
 */
final class HttpExchange {
    /** What came back, with the phase durations in nanoseconds. */
    record Response(int status, String reason, Map<String, String> headers, byte[] body, long bodyBytes,
                    long dnsNs, long connectNs, long tlsNs, long firstByteNs, long transferNs,
                    String tlsVersion, Long certExpiry) {
    }

    private HttpExchange() {
    }

    static Response execute(URI uri, String method, Map<String, String> headers, byte[] body, SSLSocketFactory tls,
                            boolean verifyHostname, ProbeRun run, int maxBodyBytes) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        long t0 = System.nanoTime();
        InetAddress addr = InetAddress.getByName(host); // IP literals are parsed, never looked up
        long tDns = System.nanoTime();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(addr, port), timeoutMs(run));
            long tConnect = System.nanoTime();
            String tlsVersion = null;
            Long expiry = null;
            Socket io = socket;
            if (https) {
                SSLSocket ssl = (SSLSocket) tls.createSocket(socket, host, port, true);
                SSLParameters params = ssl.getSSLParameters();
                if (verifyHostname) {
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                    params.setServerNames(java.util.List.of(new SNIHostName(host)));
                }
                ssl.setSSLParameters(params);
                ssl.setSoTimeout(timeoutMs(run));
                ssl.startHandshake();
                tlsVersion = ssl.getSession().getProtocol();
                expiry = earliestExpiry(ssl.getSession().getPeerCertificates());
                io = ssl;
            }
            long tTls = System.nanoTime();
            final Socket conn = io;
            OutputStream out = io.getOutputStream();
            out.write(requestHead(uri, method, headers, body, host, port, https));
            out.write(body);
            out.flush();
            InputStream in = new BufferedInputStream(io.getInputStream(), 16 * 1024);
            io.setSoTimeout(timeoutMs(run));
            int first = in.read();
            if (first < 0) {
                throw new IOException("connection closed before any response byte");
            }
            long tFirst = System.nanoTime();
            String statusLine = (char) first + readLine(in, run, io);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response: '" + statusLine + "'");
            }
            int status = Integer.parseInt(parts[1].trim());
            Map<String, String> respHeaders = new LinkedHashMap<>();
            for (String line = readLine(in, run, io); !line.isEmpty(); line = readLine(in, run, io)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    respHeaders.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
            }
            HttpBody.Read b = method.equals("HEAD") || status == 204 || status == 304 || status / 100 == 1
                    ? new HttpBody.Read(new byte[0], 0)
                    : HttpBody.read(in, respHeaders, maxBodyBytes, () -> setTimeout(conn, run));
            long tEnd = System.nanoTime();
            return new Response(status, parts.length > 2 ? parts[2] : "", respHeaders, b.kept(), b.total(),
                    tDns - t0, tConnect - tDns, tTls - tConnect, tFirst - tTls, tEnd - tFirst, tlsVersion, expiry);
        } finally {
            socket.close();
        }
    }

    private static byte[] requestHead(URI uri, String method, Map<String, String> headers, byte[] body, String host,
                                      int port, boolean https) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String hostHeader = (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port);
        StringBuilder sb = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", hostHeader);
        all.put("Accept", "*/*");
        all.put("Accept-Encoding", "identity");
        all.putAll(headers);
        all.put("Connection", "close");
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        all.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static String readLine(InputStream in, ProbeRun run, Socket io) throws IOException {
        setTimeout(io, run);
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside the response head");
            }
            if (line.size() > 64 * 1024) {
                throw new IOException("response header line longer than 64 KiB");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Each blocking read may wait only for what is left of the probe's deadline. */
    static void setTimeout(Socket io, ProbeRun run) throws IOException {
        int ms = (int) Math.min(Integer.MAX_VALUE, run.remaining().toMillis());
        if (ms <= 0) {
            throw new SocketTimeoutException("probe deadline reached");
        }
        io.setSoTimeout(ms);
    }

    private static int timeoutMs(ProbeRun run) throws SocketTimeoutException {
        long ms = run.remaining().toMillis();
        if (ms <= 0) {
            throw new SocketTimeoutException("probe deadline reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    private static Long earliestExpiry(Certificate[] chain) {
        Long min = null;
        for (Certificate c : chain) {
            if (c instanceof X509Certificate x) {
                long s = x.getNotAfter().getTime() / 1000;
                min = min == null ? s : Math.min(min, s);
            }
        }
        return min;
    }
}

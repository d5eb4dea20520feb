package io.netobs.canary.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads an HTTP/1.1 response body framed by Content-Length, chunked encoding or connection close.
 * Every byte is counted (the seed's {@code response_size_bytes}); only the first {@code keep} bytes are
 * kept for content matching, so a huge response cannot exhaust the agent's memory.
 */
final class HttpBody {
    record Read(byte[] kept, long total) {
    }

    /** Re-arms the socket timeout to what is left of the deadline before each blocking read. */
    interface Rearm {
        void run() throws IOException;
    }

    private HttpBody() {
    }

    static Read read(InputStream in, Map<String, String> headers, int keep, Rearm rearm) throws IOException {
        Sink sink = new Sink(keep);
        String te = headers.getOrDefault("transfer-encoding", "").toLowerCase();
        if (te.contains("chunked")) {
            while (true) {
                String sizeLine = line(in, rearm);
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
                if (size == 0) {
                    // Trailers end with an empty line.
                    while (!line(in, rearm).isEmpty()) {
                        rearm.run();
                    }
                    break;
                }
                copy(in, size, sink, rearm);
                line(in, rearm);
            }
        } else if (headers.containsKey("content-length")) {
            long len = Long.parseLong(headers.get("content-length").trim());
            copy(in, len, sink, rearm);
        } else {
            copy(in, Long.MAX_VALUE, sink, rearm);
        }
        return new Read(sink.kept.toByteArray(), sink.total);
    }

    private static void copy(InputStream in, long n, Sink sink, Rearm rearm) throws IOException {
        byte[] buf = new byte[8192];
        long left = n;
        while (left > 0) {
            rearm.run();
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed after " + (n - left) + " of " + n + " body bytes");
            }
            sink.write(buf, r);
            left -= r;
        }
    }

    private static String line(InputStream in, Rearm rearm) throws IOException {
        rearm.run();
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed inside a chunk header");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static final class Sink {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final int keep;
        long total;

        Sink(int keep) {
            this.keep = keep;
        }

        void write(byte[] b, int n) {
            total += n;
            int room = Math.min(n, Math.max(0, keep - kept.size()));
            kept.write(b, 0, room);
        }
    }
}

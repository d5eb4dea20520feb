package io.netobs.canary.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import okhttp3.ResponseBody;

/**
 * Reads a response body to its end. Every byte is counted (the seed's {@code response_size_bytes};
 * after gzip decoding when the probe asked for gzip, as blackbox_exporter's uncompressed body length);
 * only the first {@code keep} bytes are kept for content matching, so a huge response cannot exhaust
 * the agent's memory. OkHttp's call timeout bounds the reads by the probe's deadline.
 */
final class HttpBody {
    record Read(byte[] kept, long total) {
    }

    private HttpBody() {
    }

    static Read read(ResponseBody body, int keep) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(keep, 64 * 1024));
        long total = 0;
        byte[] buf = new byte[8192];
        try (InputStream in = body.byteStream()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                total += n;
                int room = Math.min(n, Math.max(0, keep - kept.size()));
                kept.write(buf, 0, room);
            }
        }
        return new Read(kept.toByteArray(), total);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}

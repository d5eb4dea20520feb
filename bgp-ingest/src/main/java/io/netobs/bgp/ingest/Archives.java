package io.netobs.bgp.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Opens a replay file, decompressing gzip or bzip2 by their magic bytes rather than the file name,
 * because archive mirrors rename files freely.
 */
final class Archives {
    private Archives() {
    }

    static InputStream open(Path file) throws IOException {
        return decompress(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    static InputStream decompress(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        int b0 = in.read();
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            // Concatenated members occur in rotated archives; read them all.
            return new BufferedInputStream(new GzipCompressorInputStream(in, true), 1 << 16);
        }
        if (b0 == 'B' && b1 == 'Z' && b2 == 'h') {
            return new BufferedInputStream(new BZip2CompressorInputStream(in, true), 1 << 16);
        }
        return in;
    }

    /** True when the (decompressed) stream starts with '{' after whitespace: a RIS Live NDJSON recording. */
    static boolean looksLikeJson(InputStream in) throws IOException {
        in.mark(4096);
        try {
            for (int i = 0; i < 4096; i++) {
                int b = in.read();
                if (b < 0) {
                    return false;
                }
                if (!Character.isWhitespace(b)) {
                    return b == '{';
                }
            }
            return false;
        } finally {
            in.reset();
        }
    }
}

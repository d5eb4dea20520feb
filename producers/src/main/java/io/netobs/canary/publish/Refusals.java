package io.netobs.canary.publish;

import io.netobs.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Results the broker refused for good: counted by reason (every reason from 0), logged (the first ten
 * of a reason, then every thousandth), and kept as JSON lines in {@code refused.jsonl} in the spool
 * directory: when, why (reason class and the broker's error), and the record itself (seq, key,
 * timestamp, value), so an operator can inspect or replay them. Bounded: past {@code maxBytes} the file
 * is rotated to {@code refused.jsonl.1} (one generation kept). A write that fails is logged; the record
 * is still counted and the sender still moves on.
 */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);
    static final String FILE = "refused.jsonl";

    private final Path file;
    private final long maxBytes;
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private volatile String last;

    Refusals(Path dir, long maxBytes) {
        this.file = dir.resolve(FILE);
        this.maxBytes = maxBytes;
        DeliveryErrors.REASONS.forEach(r -> counts.put(r, new AtomicLong()));
    }

    void refuse(SpoolRecord r, String reason, Throwable error) {
        long n = counts.get(reason).incrementAndGet();
        write(r, reason, error);
        last = "result " + r.seq() + " for " + r.key() + ": " + reason + " (" + error + ")";
        if (n <= 10 || n % 1000 == 0) {
            LOG.error("Kafka refused result {} for {} for good ({}, {}); saved in {} and skipped ({} {} so far)",
                    r.seq(), r.key(), reason, error.toString(), file, n, reason);
        }
    }

    Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        counts.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    String last() {
        return last;
    }

    private void write(SpoolRecord r, String reason, Throwable error) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("refused_at", Instant.now().toString());
        line.put("reason", reason);
        line.put("error", String.valueOf(error));
        line.put("seq", r.seq());
        line.put("key", r.key());
        line.put("timestamp_ms", r.timestampMs());
        line.put("value", new String(r.value(), StandardCharsets.UTF_8));
        try {
            byte[] b = (Json.MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            if (Files.exists(file) && Files.size(file) + b.length > maxBytes) {
                Files.move(file, file.resolveSibling(FILE + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.write(file, b, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.error("cannot record refused result {} in {}: {}", r.seq(), file, e.toString());
        }
    }

    Path file() {
        return file;
    }
}

package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts damaged spool content aside instead of deleting it, so an operator can look at it: a bad
 * checkpoint is renamed {@code <name>.corrupt-<UTC time>} in place; the bytes of a damaged stretch of
 * a segment go to {@code quarantine/<segment file>@<offset>.bin} beside the segments.
 */
final class Quarantine {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    static final String DIR = "quarantine";
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicLong regions = new AtomicLong();

    Quarantine(Path spoolDir) {
        this.dir = spoolDir;
    }

    /** Renames {@code file} aside; returns the new path, or null when even the rename failed (then it is deleted). */
    Path setAside(Path file, String reason) {
        checkpoints.incrementAndGet();
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + SUFFIX.format(Instant.now()));
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            LOG.warn("spool checkpoint {} is unusable ({}); moved aside to {}", file, reason, aside);
            return aside;
        } catch (IOException e) {
            LOG.error("spool checkpoint {} is unusable ({}) and cannot be moved aside ({}); deleting it", file, reason, e.toString());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // The next checkpoint write replaces it anyway.
            }
            return null;
        }
    }

    /**
     * Saves a damaged stretch of {@code segment}; false when it was already saved (same file and offset,
     * by an earlier start), so damage left in place is counted once, not at every start.
     */
    boolean region(String segment, long offset, byte[] bytes, String reason) {
        Path target = dir.resolve(DIR).resolve(segment + "@" + offset + ".bin");
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            regions.incrementAndGet();
            LOG.warn("spool segment {}: {} damaged bytes at offset {} ({}) skipped and saved to {}; the records after them are kept",
                    segment, bytes.length, offset, reason, target);
            return true;
        } catch (FileAlreadyExistsException e) {
            LOG.info("spool segment {}: {} damaged bytes at offset {} skipped again (saved in {} before)",
                    segment, bytes.length, offset, target);
            return false;
        } catch (IOException e) {
            regions.incrementAndGet();
            LOG.error("spool segment {}: {} damaged bytes at offset {} ({}) skipped; cannot save them to {}: {}",
                    segment, bytes.length, offset, reason, target, e.toString());
            return true;
        }
    }

    long checkpoints() {
        return checkpoints.get();
    }

    long regions() {
        return regions.get();
    }
}

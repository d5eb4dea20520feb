package io.netobs.canary.publish;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The highest sequence number the broker acknowledged together with everything before it. Kept in
 * two fixed 16-byte slots ({@code [magic][long seq][crc32c]}) overwritten in turn, in place: a torn
 * write spoils at most one slot and the other still holds the previous value, and an in-place
 * overwrite needs no new disk block, so checkpoints (and with them segment deletion, which frees
 * space) keep working on a full disk. Not fsynced: a lost write only means an older value, that is
 * a few more results sent twice, never one lost. Format 1 ({@code committed}, a decimal number) is
 * read once and replaced.
 */
final class Checkpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
    static final String FILE = "checkpoint";
    static final String LEGACY_FILE = "committed";
    private static final int SLOT = 16;
    private static final int MAGIC = 0x4E53_4350;

    private final Path path;
    private final Path legacy;
    private FileChannel channel;
    private OptionalLong loaded = OptionalLong.empty();
    private int nextSlot;
    private boolean failing;

    private Checkpoint(Path dir) {
        this.path = dir.resolve(FILE);
        this.legacy = dir.resolve(LEGACY_FILE);
    }

    /** Reads the checkpoint of {@code dir}; an unusable file is quarantined and the value is then empty. */
    static Checkpoint open(Path dir, Quarantine quarantine) throws IOException {
        Checkpoint c = new Checkpoint(dir);
        if (Files.exists(c.path)) {
            byte[] b = Files.readAllBytes(c.path);
            long[] slots = {slot(b, 0), slot(b, 1)};
            if (slots[0] < -1 && slots[1] < -1) {
                quarantine.setAside(c.path, b.length == 0 ? "empty" : "no valid slot in " + b.length + " bytes");
            } else {
                c.channel = FileChannel.open(c.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
                c.nextSlot = slots[0] <= slots[1] ? 0 : 1;
                c.loaded = OptionalLong.of(Math.max(slots[0], slots[1]));
                if (b.length != 2 * SLOT || Math.min(slots[0], slots[1]) < -1) {
                    LOG.warn("spool checkpoint {}: one slot unreadable (torn write?); using the other, {}", c.path, c.loaded.getAsLong());
                }
            }
        }
        if (Files.exists(c.legacy)) {
            if (c.loaded.isEmpty()) {
                c.loaded = legacyValue(c.legacy, quarantine);
            }
            if (c.loaded.isPresent() && c.write(c.loaded.getAsLong())) {
                Files.deleteIfExists(c.legacy);
            }
        }
        return c;
    }

    /** The value found at start-up; empty when there was none or it was unusable. */
    OptionalLong loaded() {
        return loaded;
    }

    private static OptionalLong legacyValue(Path file, Quarantine quarantine) throws IOException {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        if (text.matches("-?\\d{1,19}")) {
            try {
                long v = Long.parseLong(text);
                if (v >= -1) {
                    return OptionalLong.of(v);
                }
            } catch (NumberFormatException e) {
                // out of range: quarantined below
            }
        }
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        quarantine.setAside(file, text.isEmpty() ? "empty" : "not a sequence number: '" + shown + "'");
        return OptionalLong.empty();
    }

    /** The value in slot {@code i}, or Long.MIN_VALUE when the slot is missing or damaged. */
    private static long slot(byte[] b, int i) {
        if (b.length < (i + 1) * SLOT) {
            return Long.MIN_VALUE;
        }
        ByteBuffer s = ByteBuffer.wrap(b, i * SLOT, SLOT).slice();
        CRC32C crc = new CRC32C();
        crc.update(b, i * SLOT, 12);
        long v = s.getLong(4);
        return s.getInt(0) == MAGIC && s.getInt(12) == (int) crc.getValue() && v >= -1 ? v : Long.MIN_VALUE;
    }

    private static byte[] encode(long seq) {
        byte[] b = new byte[SLOT];
        ByteBuffer.wrap(b).putInt(MAGIC).putLong(seq);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, 12);
        ByteBuffer.wrap(b).putInt(12, (int) crc.getValue());
        return b;
    }

    /** Records {@code seq}; false (logged once per failing stretch) when the file cannot be written. */
    boolean write(long seq) {
        try {
            if (channel == null) {
                FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                try {
                    ByteBuffer both = ByteBuffer.allocate(2 * SLOT).put(encode(seq)).put(encode(seq)).flip();
                    while (both.hasRemaining()) {
                        ch.write(both, both.position());
                    }
                } catch (IOException e) {
                    ch.close();
                    throw e;
                }
                channel = ch;
                nextSlot = 1;
            } else {
                ByteBuffer b = ByteBuffer.wrap(encode(seq));
                while (b.hasRemaining()) {
                    channel.write(b, (long) nextSlot * SLOT + b.position());
                }
                nextSlot ^= 1;
            }
            if (failing) {
                LOG.info("spool checkpoint {} written again", path);
            }
            failing = false;
            return true;
        } catch (IOException e) {
            if (!failing) {
                LOG.error("cannot write spool checkpoint {} ({}); delivered results stay on disk until it can", path, e.toString());
            }
            failing = true;
            return false;
        }
    }

    /** What the checkpoint of {@code dir} says, without changing anything (for tools and tests). */
    static OptionalLong peek(Path dir) throws IOException {
        try {
            byte[] b = Files.readAllBytes(dir.resolve(FILE));
            long v = Math.max(slot(b, 0), slot(b, 1));
            return v < -1 ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            try {
                channel.force(false);
            } finally {
                channel.close();
            }
        }
    }
}

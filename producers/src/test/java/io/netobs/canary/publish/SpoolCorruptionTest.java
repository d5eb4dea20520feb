package io.netobs.canary.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Damaged spool files: each case must lose only what is damaged, quarantine it, and start. */
class SpoolCorruptionTest {
    @TempDir
    Path dir;

    static byte[] v(int i) {
        return ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static List<Long> drain(Spool s) throws IOException {
        List<Long> out = new ArrayList<>();
        SpoolReader r = s.reader();
        for (SpoolRecord rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec.seq());
        }
        return out;
    }

    static List<Long> range(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    private List<Long> fill(int n, int commitUpTo) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (Spool s = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < n; i++) {
                s.append("t", i, v(i));
            }
            SpoolReader r = s.reader();
            long bytes = 0;
            for (SpoolRecord rec = r.next(); rec != null; rec = r.next()) {
                sizes.add((long) rec.encodedSize());
                bytes += rec.seq() <= commitUpTo ? rec.encodedSize() : 0;
            }
            if (commitUpTo >= 0) {
                s.commit(commitUpTo, bytes);
            }
        }
        return sizes;
    }

    private List<Path> files(Path in, String suffix) throws IOException {
        if (!Files.isDirectory(in)) {
            return List.of();
        }
        try (Stream<Path> l = Files.list(in)) {
            return l.filter(p -> p.getFileName().toString().contains(suffix)).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage that is not a checkpoint", "\u0000\u0000\u0000"})
    void shouldQuarantineAnUnusableCheckpointAndResendWhatIsOnDisk(String content) throws Exception {
        fill(10, 5);
        assertThat(Spool.checkpointed(dir)).hasValue(5);
        Files.writeString(dir.resolve(Checkpoint.FILE), content, StandardCharsets.ISO_8859_1);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(files(dir, Checkpoint.FILE + ".corrupt-")).hasSize(1);
            assertThat(Files.readString(files(dir, ".corrupt-").get(0), StandardCharsets.ISO_8859_1)).isEqualTo(content);
            assertThat(s.quarantinedCheckpoints()).isEqualTo(1);
            // Prefer sending twice to losing: everything still on disk goes out again.
            assertThat(drain(s)).isEqualTo(range(0, 9));
            assertThat(s.append("t", 10, v(10))).isTrue();
            assertThat(s.nextSeq()).isEqualTo(11);
        }
        assertThat(Spool.checkpointed(dir)).hasValue(-1);
    }

    @Test
    void shouldUseTheOtherSlotWhenOneCheckpointSlotIsTorn() throws Exception {
        fill(10, 5);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            s.commit(7, 0); // slots now hold 5 and 7
        }
        byte[] cp = Files.readAllBytes(dir.resolve(Checkpoint.FILE));
        int newest = ByteBuffer.wrap(cp).getLong(4) == 7 ? 0 : 16;
        assertThat(ByteBuffer.wrap(cp).getLong(newest + 4)).isEqualTo(7);
        cp[newest + 6] ^= 0x01; // a torn write of the newest slot
        Files.write(dir.resolve(Checkpoint.FILE), cp);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.committed()).isEqualTo(5);
            assertThat(drain(s)).isEqualTo(range(6, 9));
            assertThat(s.quarantinedCheckpoints()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"crc", "length", "magic", "cut"})
    void shouldSkipAndQuarantineADamagedRecordMidSegmentAndKeepTheRest(String damage) throws Exception {
        List<Long> sizes = fill(10, -1);
        long offset = sizes.subList(0, 4).stream().mapToLong(Long::longValue).sum(); // record 4
        Path seg = files(dir, Segment.SUFFIX).get(0);
        byte[] b = Files.readAllBytes(seg);
        switch (damage) {
            case "crc" -> b[(int) offset + 40] ^= 0x01;                                    // one bit in the body
            case "length" -> ByteBuffer.wrap(b).putInt((int) offset + 4, 0x7FFF_0000); // length beyond the file
            case "magic" -> b[(int) offset] = 'x';
            case "cut" -> {                                                               // 30 bytes of it missing
                byte[] cut = new byte[b.length - 30];
                System.arraycopy(b, 0, cut, 0, (int) offset + 50);
                System.arraycopy(b, (int) offset + 80, cut, (int) offset + 50, b.length - (int) offset - 80);
                b = cut;
            }
            default -> throw new IllegalArgumentException(damage);
        }
        Files.write(seg, b);
        long damagedLength = sizes.get(4) - (damage.equals("cut") ? 30 : 0);
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Long> expected = new ArrayList<>(range(0, 9));
            expected.remove(4L);
            assertThat(drain(s)).isEqualTo(expected);
            assertThat(s.drops().count(Drops.CORRUPT)).isEqualTo(1);
            assertThat(s.quarantinedRegions()).isEqualTo(1);
            List<Path> q = files(dir.resolve(Quarantine.DIR), ".bin");
            assertThat(q).extracting(p -> p.getFileName().toString()).containsExactly(seg.getFileName() + "@" + offset + ".bin");
            assertThat(Files.size(q.get(0))).isEqualTo(damagedLength);
            assertThat(s.append("t", 10, v(10))).isTrue();
            assertThat(drain(s)).endsWith(8L, 9L, 10L);
        }
        try (Spool s = Spool.open(dir, 1 << 20)) { // the stretch is left in place, saved and counted only once
            assertThat(drain(s)).hasSize(10);
            assertThat(files(dir.resolve(Quarantine.DIR), ".bin")).hasSize(1);
            assertThat(s.drops().count(Drops.CORRUPT)).isZero();
            assertThat(s.quarantinedRegions()).isZero();
        }
    }

    @Test
    void shouldCutAndQuarantineATruncatedTail() throws Exception {
        List<Long> sizes = fill(5, -1);
        Path seg = files(dir, Segment.SUFFIX).get(0);
        long full = Files.size(seg);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(full - 7); // an append cut short by a crash
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(drain(s)).isEqualTo(range(0, 3));
            assertThat(Files.size(seg)).isEqualTo(full - sizes.get(4));
            Path q = dir.resolve(Quarantine.DIR).resolve(seg.getFileName() + "@" + (full - sizes.get(4)) + ".bin");
            assertThat(Files.size(q)).isEqualTo(sizes.get(4) - 7);
            assertThat(s.drops().count(Drops.CORRUPT)).isZero(); // a half-written record was never spooled
            assertThat(s.append("t", 4, v(4))).isTrue();
            assertThat(drain(s)).isEqualTo(range(0, 4));
        }
    }

    @Test
    void shouldStepOverDamageFoundWhileSending() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            List<Long> sizes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                s.append("t", i, v(i));
                sizes.add((long) new SpoolRecord(i, i, "t", v(i)).encodedSize());
            }
            long offset = sizes.get(0) + sizes.get(1);
            try (RandomAccessFile f = new RandomAccessFile(files(dir, Segment.SUFFIX).get(0).toFile(), "rw")) {
                f.seek(offset + 30);
                f.write(0xEE);
            }
            long before = s.bytes();
            assertThat(drain(s)).containsExactly(0L, 1L, 3L, 4L, 5L);
            assertThat(s.drops().count(Drops.CORRUPT)).isEqualTo(1);
            assertThat(s.bytes()).isEqualTo(before - sizes.get(2));
            assertThat(drain(s)).containsExactly(0L, 1L, 3L, 4L, 5L); // known now: not counted twice
            assertThat(s.drops().count(Drops.CORRUPT)).isEqualTo(1);
            assertThat(s.quarantinedRegions()).isEqualTo(1);
        }
    }

    /** Format 1: {@code [int length][int crc32][body]}, file {@code <base>.seg}, checkpoint {@code committed}. */
    private static byte[] legacyFrame(long seq, byte[] value) {
        ByteBuffer body = ByteBuffer.allocate(20 + 1 + value.length);
        body.putLong(seq).putLong(1000 + seq).putInt(1).put((byte) 't').put(value);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body.array());
        return ByteBuffer.allocate(8 + body.capacity()).putInt(body.capacity()).putInt((int) crc.getValue()).put(body.array()).array();
    }

    @Test
    void shouldMigrateAFormatOneSpoolIncludingOneWithADamagedRecord() throws Exception {
        ByteBuffer seg = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 8; i++) {
            byte[] f = legacyFrame(i, v(i));
            if (i == 5) {
                f[30] ^= 0x10;
            }
            seg.put(f);
        }
        Files.write(dir.resolve(String.format("%020d.seg", 0)), Arrays.copyOf(seg.array(), seg.position()));
        Files.writeString(dir.resolve(Checkpoint.LEGACY_FILE), "2");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.committed()).isEqualTo(2);
            assertThat(drain(s)).containsExactly(3L, 4L, 6L, 7L);
            SpoolRecord first = s.reader().next();
            assertThat(first.key()).isEqualTo("t");
            assertThat(first.timestampMs()).isEqualTo(1003);
            assertThat(first.value()).isEqualTo(v(3));
            assertThat(s.drops().count(Drops.CORRUPT)).isEqualTo(1);
            assertThat(files(dir.resolve(Quarantine.DIR), ".seg@")).hasSize(1);
        }
        assertThat(files(dir, ".seg")).isEmpty();
        assertThat(files(dir, Checkpoint.LEGACY_FILE)).isEmpty();
        assertThat(Spool.checkpointed(dir)).hasValue(2);
    }

    @Test
    void shouldQuarantineAnUnusableFormatOneCheckpoint() throws Exception {
        Files.write(dir.resolve(String.format("%020d.seg", 0)), legacyFrame(0, v(0)));
        Files.writeString(dir.resolve(Checkpoint.LEGACY_FILE), "");
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(files(dir, Checkpoint.LEGACY_FILE + ".corrupt-")).hasSize(1);
            assertThat(drain(s)).containsExactly(0L);
        }
    }
}

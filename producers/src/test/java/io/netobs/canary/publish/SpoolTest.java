package io.netobs.canary.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    private static byte[] v(int i) {
        return ("{\"n\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<SpoolRecord> drain(SpoolReader r) throws IOException {
        List<SpoolRecord> out = new ArrayList<>();
        for (SpoolRecord rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec);
        }
        return out;
    }

    @Test
    void shouldReadBackInOrderWithKeyAndTimestamp() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                assertThat(s.append("t" + (i % 3), 1000L + i, v(i))).isTrue();
            }
            List<SpoolRecord> got = drain(s.reader());
            assertThat(got).extracting(SpoolRecord::seq).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(got.get(4).key()).isEqualTo("t1");
            assertThat(got.get(4).timestampMs()).isEqualTo(1004L);
            assertThat(got.get(4).value()).isEqualTo(v(4));
            assertThat(s.depth()).isEqualTo(10);
        }
    }

    @Test
    void shouldRedeliverOnlyUncommittedRecordsAfterRestart() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                s.append("t", i, v(i));
            }
            List<SpoolRecord> got = drain(s.reader());
            s.commit(5, got.subList(0, 6).stream().mapToLong(SpoolRecord::encodedSize).sum());
            assertThat(s.depth()).isEqualTo(4);
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(s.depth()).isEqualTo(4);
            assertThat(drain(s.reader())).extracting(SpoolRecord::seq).containsExactly(6L, 7L, 8L, 9L);
            assertThat(s.append("t", 10, v(10))).isTrue();
            assertThat(s.nextSeq()).isEqualTo(11);
        }
    }

    @Test
    void shouldDropAndCountBeyondTheBoundAndAcceptAgainAfterCommit() throws Exception {
        try (Spool s = Spool.open(dir, 64 * 1024)) {
            int accepted = 0;
            for (int i = 0; i < 1000; i++) {
                if (s.append("t", i, v(i))) {
                    accepted++;
                }
            }
            assertThat(accepted).isLessThan(1000).isGreaterThan(400);
            assertThat(s.dropped()).isEqualTo(1000 - accepted);
            assertThat(s.drops().count(Drops.SPOOL_FULL)).isEqualTo(1000 - accepted);
            assertThat(s.drops().dropping()).isEqualTo(Drops.SPOOL_FULL);
            assertThat(s.bytes()).isLessThanOrEqualTo(64 * 1024);
            List<SpoolRecord> all = drain(s.reader());
            assertThat(all).hasSize(accepted);
            s.commit(all.get(all.size() - 1).seq(), all.stream().mapToLong(SpoolRecord::encodedSize).sum());
            assertThat(s.bytes()).isZero();
            assertThat(s.append("t", 0, v(0))).isTrue();
            assertThat(s.drops().dropping()).isNull();
            assertThat(s.drops().count(Drops.DISK_FULL)).isZero();
        }
    }

    @Test
    void shouldRollSegmentsAndDeleteCommittedOnes() throws Exception {
        try (Spool s = Spool.open(dir, 64 * 1024)) { // 16 KiB segments
            for (int i = 0; i < 300; i++) {
                s.append("t", i, v(i));
            }
            assertThat(segmentFiles()).hasSizeGreaterThan(1);
            List<SpoolRecord> all = drain(s.reader());
            s.commit(all.get(all.size() - 1).seq(), all.stream().mapToLong(SpoolRecord::encodedSize).sum());
            assertThat(segmentFiles()).hasSize(1);
        }
    }

    @Test
    void shouldCutATornTailAfterACrash() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < 3; i++) {
                s.append("t", i, v(i));
            }
        }
        Path seg = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.setLength(f.length() - 7); // a write cut short by a crash
        }
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThat(drain(s.reader())).extracting(SpoolRecord::seq).containsExactly(0L, 1L);
            s.append("t", 9, v(9));
            assertThat(drain(s.reader())).extracting(SpoolRecord::seq).containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void shouldRefuseASecondAgentOnTheSameDirectory() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            assertThatThrownBy(() -> Spool.open(dir, 1 << 20)).hasMessageContaining("in use by another agent");
            assertThat(s.depth()).isZero();
        }
    }

    @Test
    void shouldSeekBackForARewind() throws Exception {
        try (Spool s = Spool.open(dir, 1 << 20)) {
            for (int i = 0; i < 5; i++) {
                s.append("t", i, v(i));
            }
            SpoolReader r = s.reader();
            drain(r);
            r.seek(2);
            assertThat(drain(r)).extracting(SpoolRecord::seq).containsExactly(2L, 3L, 4L);
        }
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> l = Files.list(dir)) {
            return l.filter(p -> p.toString().endsWith(Segment.SUFFIX)).sorted().toList();
        }
    }
}

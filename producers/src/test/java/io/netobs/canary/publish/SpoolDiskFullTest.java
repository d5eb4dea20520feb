package io.netobs.canary.publish;

import static io.netobs.canary.publish.SpoolCorruptionTest.drain;
import static io.netobs.canary.publish.SpoolCorruptionTest.range;
import static io.netobs.canary.publish.SpoolCorruptionTest.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.canary.TinyFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool on a real 256 KiB tmpfs: appends fail with ENOSPC, are counted, and work again once there is room. */
class SpoolDiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void shouldCountEveryDropOnAFullDiskAndAcceptAgainWhenSpaceReturns() throws Exception {
        try (TinyFilesystem fs = TinyFilesystem.mount(tmp.resolve("mnt"), 256)) {
            Path dir = fs.path().resolve("spool");
            int accepted = 0;
            int dropped = 0;
            try (Spool s = Spool.open(dir, 10 << 20)) {
                Path filler = fs.fill(16);
                for (int i = 0; i < 400; i++) {
                    if (s.append("t", i, v(i))) {
                        accepted++;
                    } else {
                        dropped++;
                    }
                }
                assertThat(accepted).isPositive();
                assertThat(dropped).isPositive();
                assertThat(s.drops().count(Drops.DISK_FULL)).isEqualTo(dropped);
                assertThat(s.drops().count(Drops.SPOOL_FULL)).isZero();
                assertThat(s.drops().dropping()).isEqualTo(Drops.DISK_FULL);
                assertThat(s.isFull()).isTrue();

                Files.delete(filler);
                assertThat(s.append("t", 400, v(400))).isTrue();
                assertThat(s.drops().dropping()).isNull();
                // Failed appends left nothing behind: every accepted result reads back, in order, with no gap.
                assertThat(drain(s)).isEqualTo(range(0, accepted));
                assertThat(s.quarantinedRegions()).isZero();
            }
            try (Spool s = Spool.open(dir, 10 << 20)) {
                assertThat(drain(s)).isEqualTo(range(0, accepted));
                assertThat(s.quarantinedRegions()).isZero();
                assertThat(s.drops().total()).isZero();
            }
        }
    }

    @Test
    void shouldFreeItsOwnDeliveredSegmentWhenItIsWhatFillsTheDisk() throws Exception {
        try (TinyFilesystem fs = TinyFilesystem.mount(tmp.resolve("mnt"), 256)) {
            Path dir = fs.path().resolve("spool");
            try (Spool s = Spool.open(dir, 10 << 20)) { // 2.5 MiB segments: one segment fills the 256 KiB disk
                int i = 0;
                while (s.append("t", i, v(i))) {
                    i++;
                    assertThat(i).as("the disk never filled").isLessThan(10_000);
                }
                assertThat(s.drops().count(Drops.DISK_FULL)).isEqualTo(1);
                SpoolReader r = s.reader();
                long bytes = 0;
                long last = -1;
                for (SpoolRecord rec = r.next(); rec != null; rec = r.next()) {
                    bytes += rec.encodedSize();
                    last = rec.seq();
                }
                assertThat(last).isEqualTo(i - 1);
                s.commit(last, bytes); // the broker has it all; the full segment is now dead weight

                assertThat(s.append("t", i, v(i))).isTrue();
                assertThat(s.drops().dropping()).isNull();
                try (Stream<Path> l = Files.list(dir)) {
                    assertThat(l.filter(p -> p.toString().endsWith(Segment.SUFFIX)).map(Segment::baseOf).toList())
                            .containsExactly((long) i);
                }
                assertThat(drain(s)).containsExactly((long) i);
            }
        }
    }
}

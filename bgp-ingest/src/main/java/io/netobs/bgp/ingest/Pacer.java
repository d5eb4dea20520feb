package io.netobs.bgp.ingest;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Decides when a replayed frame is sent and with which time. {@link #ASAP} replays an archive as
 * fast as the producer goes, keeping the recorded times (incident replay). {@link Paced} plays a
 * recording at its own rhythm (gaps capped, optionally faster) and stamps each frame with the time
 * it is sent, so a looped recording looks like a live feed to the topology and the dashboards.
 */
interface Pacer {
    /** Called at the start of each file. */
    void restart();

    /** Waits as needed and returns the time to publish a frame recorded at {@code eventTimeMs} with. */
    long await(long eventTimeMs) throws InterruptedException;

    Pacer ASAP = new Pacer() {
        @Override
        public void restart() {
        }

        @Override
        public long await(long eventTimeMs) {
            return eventTimeMs;
        }
    };

    final class Paced implements Pacer {
        private final double speed;
        private final long maxGapMs;
        private final LongSupplier clock;
        private final CountDownLatch stop;
        private long lastEventMs = Long.MIN_VALUE;
        private double virtualWallMs;

        /** @param stop counted down on shutdown so a long wait ends at once */
        Paced(double speed, long maxGapMs, LongSupplier clock, CountDownLatch stop) {
            if (!(speed > 0)) {
                throw new IllegalArgumentException("replay speed must be > 0, got " + speed);
            }
            this.speed = speed;
            this.maxGapMs = maxGapMs;
            this.clock = clock;
            this.stop = stop;
        }

        @Override
        public void restart() {
            lastEventMs = Long.MIN_VALUE;
        }

        @Override
        public long await(long eventTimeMs) throws InterruptedException {
            if (lastEventMs == Long.MIN_VALUE) {
                virtualWallMs = clock.getAsLong();
            } else {
                // Recordings jump (the fixtures span 2019-2025); cap each gap so the loop keeps moving.
                long gap = Math.max(0, Math.min(maxGapMs, eventTimeMs - lastEventMs));
                virtualWallMs += gap / speed;
            }
            lastEventMs = Math.max(lastEventMs, eventTimeMs);
            long wait = Math.round(virtualWallMs) - clock.getAsLong();
            if (wait > 0 && stop.await(wait, TimeUnit.MILLISECONDS)) {
                throw new InterruptedException("replay stopped");
            }
            return Math.round(virtualWallMs);
        }
    }
}

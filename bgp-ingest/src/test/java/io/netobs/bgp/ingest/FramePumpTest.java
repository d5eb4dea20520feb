package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netobs.schema.BgpUpdate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The websocket side never waits for Kafka: a stalled publisher turns into counted overflow. */
class FramePumpTest {

    /** A sink stuck until released, like a producer whose buffer is full. */
    static final class Stalled extends ReplayTest.Collecting {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final List<BgpUpdate> seen = new CopyOnWriteArrayList<>();

        @Override
        public void publish(BgpUpdate update) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(update);
        }
    }

    @Test
    void shouldCountOverflowInsteadOfBlockingAndDrainOnClose() throws Exception {
        Stalled sink = new Stalled();
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), System::currentTimeMillis);
        FramePump pump = new FramePump(2, new FrameRouter(sink, metrics), metrics);
        String frame = Fixtures.lines(Fixtures.LIBBGPSTREAM).get(0);
        pump.offer(frame);
        assertThat(sink.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the publisher holds frame 1
        for (int i = 0; i < 10; i++) {
            pump.offer(frame); // returns at once: 2 fit in the queue, 8 overflow
        }
        assertThat(metrics.queueOverflow.sum()).isEqualTo(8);
        sink.release.countDown();
        pump.close();
        assertThat(sink.seen).hasSize(3);
        assertThat(metrics.framesPublished()).isEqualTo(3);
    }
}

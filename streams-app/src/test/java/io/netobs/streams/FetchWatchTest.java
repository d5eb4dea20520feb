package io.netobs.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** The consumer metrics FetchWatch reads, as the consumer names them (group, name, client-id, topic with '.' as '_'). */
class FetchWatchTest {
    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String MAIN = "app.x-5f0e-StreamThread-1-consumer";
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Map<MetricName, Metric> metrics = new HashMap<>();
    private final FetchWatch watch = new FetchWatch("app.x", now::get);

    FetchWatchTest() {
        watch.attach(() -> metrics);
    }

    private void put(String name, Map<String, String> tags, double value) {
        MetricName n = new MetricName(name, GROUP, "", tags);
        metrics.put(n, new Metric() {
            @Override
            public MetricName metricName() {
                return n;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    private void fetches(String clientId, double total) {
        put("fetch-total", Map.of("client-id", clientId), total);
    }

    private void lag(String clientId, String topic, int partition, double lag) {
        put("records-lag", Map.of("client-id", clientId, "topic", topic, "partition", Integer.toString(partition)), lag);
    }

    private boolean quietAfter(long ms, int partition) {
        now.addAndGet(ms);
        return watch.mayBeQuiet(partition);
    }

    @Test
    void shouldTrustSilenceUntilAttached() {
        FetchWatch unattached = new FetchWatch("app", now::get);
        assertThat(unattached.mayBeQuiet(0)).isTrue();
    }

    @Test
    void shouldTakeSilenceAsQuietWhileFetchesAreAnsweredAndNothingLags() {
        fetches(MAIN, 10);
        assertThat(quietAfter(0, 0)).isTrue();
        for (int i = 11; i < 30; i++) {
            fetches(MAIN, i);
            assertThat(quietAfter(500, 0)).isTrue();
        }
    }

    @Test
    void shouldNotTakeSilenceAsQuietOnceFetchesStopBeingAnswered() {
        fetches(MAIN, 10);
        assertThat(quietAfter(0, 0)).isTrue();
        assertThat(quietAfter(FetchWatch.ANSWERED_WITHIN_MS, 0)).as("just within the bound").isTrue();
        assertThat(quietAfter(300, 0)).as("no fetch answered for 3.3 s: the brokers are away").isFalse();
        fetches(MAIN, 11);
        assertThat(quietAfter(300, 0)).as("answered again").isTrue();
    }

    @Test
    void shouldNotTakeSilenceAsQuietForAPartitionWithRecordsLeftToRead() {
        fetches(MAIN, 1);
        lag(MAIN, "canary-results", 2, 40);
        lag(MAIN, "canary-results", 1, 0);
        lag(MAIN, "app_x-canary-by-target-repartition", 3, 7);
        lag(MAIN, "other-topic", 0, 99);
        assertThat(watch.mayBeQuiet(2)).isFalse();
        assertThat(watch.mayBeQuiet(3)).as("the repartition topic, named with '.' as '_'").isFalse();
        assertThat(watch.mayBeQuiet(1)).isTrue();
        assertThat(watch.mayBeQuiet(0)).as("another topic's lag is not this input's").isTrue();
    }

    @Test
    void shouldReadOnlyTheMainConsumersOfTheStreamThreads() {
        fetches(MAIN, 1);
        fetches("app.x-5f0e-StreamThread-1-restore-consumer", 1);
        lag("app.x-5f0e-StreamThread-1-restore-consumer", "canary-results", 0, 500);
        lag("app.x-5f0e-global-consumer", "canary-results", 0, 500);
        assertThat(quietAfter(0, 0)).as("restore and global consumers' lag is not input lag").isTrue();
        fetches("app.x-5f0e-StreamThread-1-restore-consumer", 50);
        assertThat(quietAfter(3500, 0)).as("a restore consumer's fetches do not show the input is answered").isFalse();
    }
}

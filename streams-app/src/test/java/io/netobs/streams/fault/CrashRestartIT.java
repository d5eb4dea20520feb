package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the streams process in the middle of 100,000 results, then a restart on the same state
 * directory: every cumulative total on /metrics, and every closed window on canary-aggregates
 * (read_committed), exactly once and equal, field by field, to what the input implies.
 *
 * <p>The input: 400 targets (ping, dns, http), two canaries each, one result every 21 ms of event
 * time over the 35 minutes ending 5 minutes ago (inside the one-hour retention), all keyed by target
 * and sent in event-time order, so no result is late. One-minute windows close by stream time as
 * the backlog is read; the last ones by the wall clock once the input is exhausted.
 */
@ExtendWith(SharedBroker.class)
class CrashRestartIT {
    static final int RESULTS = 100_000;
    static final int TARGETS = 400;
    static final long WINDOW_MS = 60_000;
    static final long SPAN_MS = 35 * 60_000;

    @Test
    void shouldCountAndPublishEveryWindowExactlyOnceAcrossAKill9(SharedBroker.Broker broker) throws Exception {
        long began = System.nanoTime();
        broker.reset(4);
        Path dir = broker.workDir("crash");
        long first = System.currentTimeMillis() - SPAN_MS - 5 * 60_000;
        List<Sent> sent = CanaryBacklog.generate(20261130L, "crash", RESULTS, TARGETS, first, SPAN_MS / RESULTS);
        ExpectedWindows expected = ExpectedWindows.of(sent, WINDOW_MS);

        Map<String, String> env = Map.of("NETOBS_APPLICATION_ID", "netobs-fault-crash",
                "NETOBS_WINDOW_SIZE", "PT1M", "NETOBS_WINDOW_GRACE", "PT10S",
                // Short, so the last windows close soon after the backlog is read; not shorter, because a
                // task that processes nothing for this long (a restart under heavy load) closes every
                // window it holds by the wall clock, and the rest of the backlog would then be late.
                "NETOBS_IDLE_CLOSE_AFTER", "PT5S");
        try (StreamsProcess one = StreamsProcess.start("crash-1", dir, broker.bootstrapServers(), env)) {
            one.awaitRunning(Duration.ofSeconds(90));
            Producers.sendAll(broker.bootstrapServers(), sent);
            Scrape atKill = Poll.until("40 % of the results counted", Duration.ofSeconds(180), 100, one::scrape,
                    s -> s.sum("canary_status_total") >= 0.4 * RESULTS);
            one.kill();
            double countedAtKill = atKill.sum("canary_status_total");
            assertThat(countedAtKill).as("killed in the middle").isLessThan(RESULTS);

            long restartAt = System.nanoTime();
            try (StreamsProcess two = one.restart("crash-2")) {
                two.awaitRunning(Duration.ofSeconds(120));
                double runningAfter = (System.nanoTime() - restartAt) / 1e9;
                Scrape end = Poll.until("every result counted after the restart", Duration.ofSeconds(240), 250,
                        two::scrape, s -> s.sum("canary_status_total") >= RESULTS);
                List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.bootstrapServers(),
                        Topics.CANARY_AGGREGATES, Duration.ofSeconds(120), Duration.ofSeconds(3),
                        r -> r.size() >= expected.size());
                end = two.scrape();

                ExpectedWindows.Compared found = expected.compare(records);
                Map<ExpectedWindows.Key, Integer> copies = found.copies();
                List<String> differences = found.differences();
                Set<ExpectedWindows.Key> missing = new HashSet<>(expected.keys());
                missing.removeAll(copies.keySet());
                long doubled = found.doubled();
                System.out.printf("crash/restart: %d results sent; %.0f counted when killed; RUNNING %.1f s after the"
                                + " restart, %.0f records restored from changelogs; totals %.0f; windows expected %d, on"
                                + " canary-aggregates %d (distinct %d, doubled %d, missing %d, differing %d); late %.0f,"
                                + " dead letters %.0f; %.1f s%n", RESULTS, countedAtKill, runningAfter,
                        end.sum("netobs_state_restored_records_total"), end.sum("canary_status_total"), expected.size(),
                        records.size(), copies.size(), doubled, missing.size(), differences.size(),
                        end.sum("netobs_canary_late_records_total"), end.sum("netobs_dead_letters_total"),
                        (System.nanoTime() - began) / 1e9);

                assertThat(end.sum("netobs_canary_late_records_total")).as("late results").isZero();
                assertThat(end.sum("netobs_dead_letters_total")).as("dead letters").isZero();
                assertThat(Totals.differences(end, sent)).as("cumulative totals per series and status").isEmpty();
                assertThat(doubled).as("windows published more than once").isZero();
                assertThat(missing).as("windows never published").isEmpty();
                assertThat(differences).as("windows differing from the input").isEmpty();
                assertThat(records).hasSize(expected.size());
                assertThat(two.stop()).as("exit status after SIGTERM").isEqualTo(StreamsProcess.EXIT_SIGTERM);
                assertThat(two.stoppedCleanly()).as("closed cleanly; log:\n" + two.logTail()).isTrue();
            }
        }
    }
}

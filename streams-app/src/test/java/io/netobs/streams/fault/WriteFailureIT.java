package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.Topics;
import io.netobs.streams.StreamsMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes never fail silently: while the broker refuses every record written to canary-aggregates
 * (its max.message.bytes set below the size of one aggregate), the app must neither skip the windows
 * nor go on without them. It exits with {@link StreamsMain#EXIT_STREAMS_FAILED} for its supervisor
 * (this test), publishing nothing; once the topic accepts records again, the restarted app publishes
 * every window exactly once and counts every result once.
 */
@ExtendWith(SharedBroker.class)
class WriteFailureIT {
    static final int RESULTS = 2_000;
    static final int TARGETS = 20;
    static final long WINDOW_MS = 60_000;

    @Test
    void shouldExitForItsSupervisorWhileAWriteIsRefusedAndPublishEveryWindowOnceAfterwards(SharedBroker.Broker broker)
            throws Exception {
        long began = System.nanoTime();
        broker.reset(4);
        Path dir = broker.workDir("write-failure");
        // Below one aggregate (about 400 bytes as a batch), above a transaction marker (about 80), which must pass.
        setMaxMessageBytes(broker.bootstrapServers(), "200");
        long first = System.currentTimeMillis() - 10 * 60_000;
        List<Sent> sent = CanaryBacklog.generate(70L, "refused", RESULTS, TARGETS, first, 4 * 60_000 / RESULTS);
        ExpectedWindows expected = ExpectedWindows.of(sent, WINDOW_MS);
        StreamsProcess one = StreamsProcess.start("write-failure", dir, broker.bootstrapServers(), Map.of(
                "NETOBS_APPLICATION_ID", "netobs-fault-write", "NETOBS_WINDOW_GRACE", "PT5S",
                "NETOBS_IDLE_CLOSE_AFTER", "PT5S"));
        try (Supervisor app = new Supervisor(one)) {
            one.awaitRunning(Duration.ofSeconds(90));
            long sentAt = System.nanoTime();
            Producers.sendAll(broker.bootstrapServers(), sent);
            List<Integer> exits = Poll.until("the app exits while its writes are refused", Duration.ofSeconds(90), 100,
                    app::exits, e -> !e.isEmpty());
            double exitAfter = (System.nanoTime() - sentAt) / 1e9;
            String firstLog = Files.readString(one.log());
            List<ConsumerRecord<String, byte[]>> whileRefused = TopicReader.readAll(broker.bootstrapServers(),
                    Topics.CANARY_AGGREGATES, Duration.ZERO, Duration.ofSeconds(1), r -> true);

            setMaxMessageBytes(broker.bootstrapServers(), null);
            long fixedAt = System.nanoTime();
            Scrape end = Poll.until("every result counted and every window closed once writes are accepted",
                    Duration.ofSeconds(120), 250, () -> app.current().scrape(),
                    s -> s.sum("canary_status_total") >= RESULTS && Windows.lastEnds(s).equals(expected.lastEnds()));
            double recovered = (System.nanoTime() - fixedAt) / 1e9;
            List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(broker.bootstrapServers(),
                    Topics.CANARY_AGGREGATES, Duration.ofSeconds(30), Duration.ofSeconds(3), r -> r.size() >= expected.size());
            List<Integer> allExits = app.exits();
            app.stopWatching();

            ExpectedWindows.Compared found = expected.compare(records);
            Map<ExpectedWindows.Key, Integer> copies = found.copies();
            List<String> differences = found.differences();
            System.out.printf("refused writes: the app exited %s, the first time %.1f s after the input was sent;"
                            + " %d windows committed while refused; after the fix every result counted and window"
                            + " closed in %.1f s: totals %.0f of %d, windows %d of %d (doubled %d, differing %d), late"
                            + " %.0f; %.1f s%n", allExits, exitAfter, whileRefused.size(), recovered,
                    end.sum("canary_status_total"), RESULTS, copies.size(), expected.size(),
                    copies.values().stream().filter(n -> n > 1).count(), differences.size(),
                    end.sum("netobs_canary_late_records_total"), (System.nanoTime() - began) / 1e9);

            assertThat(exits.get(0)).as("exit status of a failed client").isEqualTo(StreamsMain.EXIT_STREAMS_FAILED);
            assertThat(allExits).allMatch(e -> e == StreamsMain.EXIT_STREAMS_FAILED);
            assertThat(firstLog).as("says why").contains("cannot write a record").contains(Topics.CANARY_AGGREGATES);
            assertThat(whileRefused).as("nothing published while writes are refused").isEmpty();
            assertThat(Totals.differences(end, sent)).as("totals per series and status").isEmpty();
            assertThat(end.sum("netobs_canary_late_records_total")).as("late results").isZero();
            assertThat(copies.values()).as("windows published more than once").allMatch(n -> n == 1);
            assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(expected.keys());
            assertThat(differences).as("windows differing from the input").isEmpty();
        } finally {
            one.close();
        }
    }

    /** Sets canary-aggregates' max.message.bytes, or removes the override when {@code value} is null. */
    private static void setMaxMessageBytes(String bootstrap, String value) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CANARY_AGGREGATES);
        AlterConfigOp op = value == null
                ? new AlterConfigOp(new ConfigEntry("max.message.bytes", ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry("max.message.bytes", value), AlterConfigOp.OpType.SET);
        try (Admin admin = TopicAdmin.admin(bootstrap)) {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        }
    }
}

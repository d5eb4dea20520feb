package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.Topics;
import io.netobs.streams.StreamsMain;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The broker stopped for 30 s and started again (same data, same port) under a running streams app
 * and a live feed of results. The producers buffer through the outage (as the agent's spool does);
 * the app must go on by itself, or exit with {@link StreamsMain#EXIT_STREAMS_FAILED} so its
 * supervisor (this test) starts it again; the test says which happened. Afterwards: every result is
 * on canary-results once and in order per target, counted once in the app's totals, and every
 * window is on canary-aggregates once, holding no result it should not.
 *
 * <p>Windows are not all complete: through the outage every partition is quiet, so the app closes
 * its open windows by the wall clock ({@code NETOBS_IDLE_CLOSE_AFTER}), and results observed just
 * before and during the outage reach it after their windows closed: they are counted as late (and
 * in the totals), not put in a window. The test therefore asserts that windowed plus late results
 * equal the results sent, exactly, and prints how many were late.
 */
@ExtendWith(SharedBroker.class)
class BrokerOutageIT {
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final int TARGETS = 100;
    static final int AGENT_TARGETS = 4;
    static final long WINDOW_MS = 10_000;

    @Test
    void shouldLoseAndDoubleNothingAcrossA30sBrokerOutage(SharedBroker.Broker broker) throws Exception {
        long began = System.nanoTime();
        broker.reset(4);
        Path dir = broker.workDir("outage");
        Map<String, String> env = Map.of("NETOBS_APPLICATION_ID", "netobs-fault-outage",
                "NETOBS_WINDOW_SIZE", "PT10S", "NETOBS_WINDOW_GRACE", "PT5S", "NETOBS_IDLE_CLOSE_AFTER", "PT5S");
        Properties patient = new Properties();
        // The agent's spool holds results through any outage; a producer holds them for this long.
        patient.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "180000");
        patient.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000");
        StreamsProcess first = StreamsProcess.start("outage", dir, broker.bootstrapServers(), env);
        first.awaitRunning(Duration.ofSeconds(90));
        try (Supervisor app = new Supervisor(first);
             LiveFeed feed = new LiveFeed(broker.bootstrapServers(), "outage", TARGETS, 200, 9L, patient, true);
             AgentProcess agent = AgentProcess.start(dir.resolve("agent"), broker.bootstrapServers(), AGENT_TARGETS)) {
            Poll.until("results counted before the outage", Duration.ofSeconds(60), 200, () -> app.current().scrape(),
                    s -> s.sum("canary_status_total") >= 1500);

            broker.stop();
            long stoppedAt = System.nanoTime();
            long producedBefore = feed.attempted();
            Map<String, Integer> healthDuringOutage = new LinkedHashMap<>();
            while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                healthDuringOutage.merge(health(app.current()), 1, Integer::sum);
                Thread.sleep(1000); // sampling /health once a second through the outage
            }
            broker.startAgain();
            long restartedAt = System.nanoTime();
            long duringOutage = feed.attempted() - producedBefore;
            Poll.until("the app RUNNING again", Duration.ofSeconds(180), 200, () -> health(app.current()),
                    h -> h.equals("200 RUNNING"));
            double recovery = (System.nanoTime() - restartedAt) / 1e9;
            long resumed = feed.ackedCount();
            Poll.until("results flowing after the outage", Duration.ofSeconds(60), 100, feed::ackedCount,
                    n -> n >= resumed + 400);
            agent.stop();
            long probed = agent.probed();
            List<Sent> fed = feed.stop();
            List<ConsumerRecord<String, byte[]>> input = TopicReader.readAll(broker.bootstrapServers(),
                    Topics.CANARY_RESULTS, Duration.ofSeconds(60), Duration.ofSeconds(1), r -> r.size() >= fed.size() + probed);
            Map<Long, List<ConsumerRecord<String, byte[]>>> agentCopies = AgentProcess.bySeq(input);
            List<Sent> fromAgent = agentCopies.values().stream().map(c -> AgentProcess.sent(c.get(0))).toList();
            List<Sent> sent = new ArrayList<>(fed);
            sent.addAll(fromAgent);
            Scrape end = Poll.until("all " + sent.size() + " results counted", Duration.ofSeconds(120), 250,
                    () -> app.current().scrape(), s -> s.sum("canary_status_total") >= sent.size());
            ExpectedWindows expected = ExpectedWindows.of(sent, WINDOW_MS);
            end = Poll.until("every target's last window closed", Duration.ofSeconds(120), 250, () -> app.current().scrape(),
                    s -> Windows.lastEnds(s).equals(expected.lastEnds()));
            WindowAudit windows = WindowAudit.of(broker.bootstrapServers(), sent, WINDOW_MS, end);
            List<Integer> exits = app.exits();
            app.stopWatching();

            List<String> order = orderOnTopic(input, fed);
            List<String> agentOrder = agentOrder(agentCopies);
            long agentDoubled = agentCopies.values().stream().filter(c -> c.size() > 1).count();
            System.out.printf("broker outage: %.0f s down; app /health during it %s; %s; RUNNING %.1f s after the broker"
                            + " was back; feed: %d results sent (%d during the outage, %d failed sends), out of order or"
                            + " missing on canary-results for %d targets; agent: %d results probed, %d distinct on"
                            + " canary-results, %d doubled, out of order for %d targets; counted %.0f of %d; %s; %.1f s%n",
                    OUTAGE.toSeconds() * 1.0, healthDuringOutage,
                    exits.isEmpty() ? "it recovered by itself" : "it exited " + exits + " and the supervisor restarted it",
                    recovery, fed.size(), duringOutage, feed.failures(), order.size(), probed, agentCopies.size(),
                    agentDoubled, agentOrder.size(), end.sum("canary_status_total"), sent.size(), windows,
                    (System.nanoTime() - began) / 1e9);

            assertThat(exits).as("how the app ended, if it did").allMatch(e -> e == StreamsMain.EXIT_STREAMS_FAILED);
            assertThat(feed.failures()).as("failed sends: " + feed.firstFailure()).isZero();
            assertThat(order).as("results per target on canary-results: each once, in order").isEmpty();
            assertThat(agentCopies.keySet()).as("every result the agent probed, on canary-results")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(0, probed).boxed().toList());
            assertThat(agentDoubled).as("agent results on canary-results more than once").isZero();
            assertThat(agentOrder).as("agent targets whose results are out of order").isEmpty();
            assertThat(Totals.differences(end, sent)).as("totals per series and status").isEmpty();
            assertThat(duringOutage).as("results produced during the outage").isPositive();
            assertThat(windows.doubled()).as("windows published twice").isZero();
            assertThat(windows.excess()).as("windows holding results they should not").isEmpty();
            assertThat(windows.windowed() + windows.late()).as("results in windows + late").isEqualTo(sent.size());
        } finally {
            first.close();
        }
    }

    /** Agent targets whose spool sequence numbers are not increasing in topic order. */
    private static List<String> agentOrder(Map<Long, List<ConsumerRecord<String, byte[]>>> bySeq) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byTarget = new TreeMap<>();
        bySeq.forEach((seq, copies) -> copies.forEach(r -> byTarget.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r)));
        List<String> bad = new ArrayList<>();
        byTarget.forEach((target, records) -> {
            records.sort((x, y) -> Long.compare(x.offset(), y.offset()));
            long last = -1;
            for (ConsumerRecord<String, byte[]> r : records) {
                long seq = Long.parseLong(new String(r.headers().lastHeader(io.netobs.canary.publish.SpoolSender.SEQ_HEADER)
                        .value(), java.nio.charset.StandardCharsets.US_ASCII));
                if (seq <= last) {
                    bad.add(target);
                    return;
                }
                last = seq;
            }
        });
        return bad;
    }

    private static String health(StreamsProcess p) {
        try {
            var r = p.get("/health");
            String body = r.body();
            return r.statusCode() + " " + body.replaceAll(".*\"state\":\"([A-Z_]+)\".*", "$1");
        } catch (Exception e) {
            return p.isAlive() ? "no answer" : "exited";
        }
    }

    /** Feed targets whose results on canary-results are not exactly the acknowledged ones in send order. */
    private static List<String> orderOnTopic(List<ConsumerRecord<String, byte[]>> input, List<Sent> sent) {
        Map<String, List<Long>> want = new TreeMap<>();
        sent.stream().sorted((x, y) -> Long.compare(x.eventMs(), y.eventMs()))
                .forEach(s -> want.computeIfAbsent(s.target(), t -> new ArrayList<>()).add(s.eventMs()));
        Map<String, List<Long>> got = new TreeMap<>();
        input.stream().filter(r -> r.key() != null && r.key().startsWith("outage-"))
                .forEach(r -> got.computeIfAbsent(r.key(), t -> new ArrayList<>()).add(r.timestamp()));
        List<String> bad = new ArrayList<>();
        want.forEach((t, times) -> {
            if (!times.equals(got.get(t))) {
                bad.add(t);
            }
        });
        got.keySet().stream().filter(t -> !want.containsKey(t)).forEach(bad::add);
        return bad;
    }
}

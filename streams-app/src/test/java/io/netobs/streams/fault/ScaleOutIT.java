package io.netobs.streams.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netobs.schema.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale-out by partition: two streams processes (same application id; own state directory, HTTP
 * port and application.server) share four partitions of live input. Each /metrics serves only the
 * partitions it owns and the two add up to the input; /api/targets/{t} answers from either process
 * by forwarding to the owner. Then one is killed with SIGKILL: its partitions move to the other,
 * which must be counting new results of them within 10 s of the kill (the app's session.timeout.ms
 * of 6 s and transaction.timeout.ms of 5 s are chosen for this), with totals still exact.
 */
@ExtendWith(SharedBroker.class)
class ScaleOutIT {
    static final int PARTITIONS = 4;
    static final int TARGETS = 200;
    static final double FAILOVER_BOUND_S = 10.0;

    @Test
    void shouldShareThePartitionsAndTakeOverAKilledInstancesPartitionsExactly(SharedBroker.Broker broker) throws Exception {
        long began = System.nanoTime();
        broker.reset(PARTITIONS);
        Path dir = broker.workDir("scale");
        Map<String, String> env = Map.of("NETOBS_APPLICATION_ID", "netobs-fault-scale");
        try (StreamsProcess a = StreamsProcess.start("scale-a", dir, broker.bootstrapServers(), env);
             StreamsProcess b = StreamsProcess.start("scale-b", dir, broker.bootstrapServers(), env);
             LiveFeed feed = new LiveFeed(broker.bootstrapServers(), "scale", TARGETS, 400, 4L, new Properties())) {
            a.awaitRunning(Duration.ofSeconds(90));
            b.awaitRunning(Duration.ofSeconds(90));
            Poll.until("some results counted", Duration.ofSeconds(60), 200, () -> feed.ackedCount(), n -> n >= 3000);
            feed.pause();
            long phase1 = feed.ackedCount();
            Scrape[] both = Poll.until("both instances together count the " + phase1 + " results sent",
                    Duration.ofSeconds(90), 250, () -> new Scrape[] {a.scrape(), b.scrape()},
                    s -> s[0].sum("canary_status_total") + s[1].sum("canary_status_total") == phase1
                            && s[0].sum("canary_status_total") > 0 && s[1].sum("canary_status_total") > 0);
            Set<String> onA = targets(both[0]);
            Set<String> onB = targets(both[1]);
            Set<Integer> partsA = Partitions.of(onA, PARTITIONS);
            Set<Integer> partsB = Partitions.of(onB, PARTITIONS);
            System.out.printf("scale-out: %d results; instance a serves %.0f of partitions %s, b %.0f of %s%n", phase1,
                    both[0].sum("canary_status_total"), partsA, both[1].sum("canary_status_total"), partsB);
            assertThat(partsA).as("partitions served by both").doesNotContainAnyElementsOf(partsB);
            Set<Integer> all = new TreeSet<>(partsA);
            all.addAll(partsB);
            assertThat(all).containsExactly(0, 1, 2, 3);
            Set<String> union = new HashSet<>(onA);
            union.addAll(onB);
            assertThat(union).hasSize(TARGETS);
            assertThat(Totals.differences(merge(both), feed.acked())).as("totals across both instances").isEmpty();

            String ofA = onA.iterator().next();
            String ofB = onB.iterator().next();
            assertSameView(b, a, ofA);
            assertSameView(a, b, ofB);

            feed.resume();
            long before = feed.ackedCount();
            Poll.until("more results flowing", Duration.ofSeconds(30), 100, feed::ackedCount, n -> n >= before + 400);
            long killedAt = System.currentTimeMillis();
            b.kill();
            // The first result observed after the kill, of a target in a moved partition, counted by a.
            Poll.until("a counts new results of b's partitions", Duration.ofSeconds(60), 100, a::scrape,
                    s -> s.samples("netobs_canary_last_result_timestamp_seconds").stream()
                            .anyMatch(x -> onB.contains(x.label("target")) && x.value() * 1000 > killedAt));
            double failover = (System.currentTimeMillis() - killedAt) / 1000.0;
            long after = feed.ackedCount();
            Poll.until("results flowing after the take-over", Duration.ofSeconds(30), 100, feed::ackedCount,
                    n -> n >= after + 400);
            List<Sent> sent = feed.stop();
            Scrape end = Poll.until("a counts all " + sent.size() + " results", Duration.ofSeconds(90), 250, a::scrape,
                    s -> s.sum("canary_status_total") >= sent.size());
            System.out.printf("scale-out: b killed; a counted new results of b's partitions %s %.1f s after the kill"
                            + " (bound %.0f s); a counts %.0f of %d results sent (%d failed sends) for %d targets; %.1f s%n",
                    partsB, failover, FAILOVER_BOUND_S, end.sum("canary_status_total"), sent.size(), feed.failures(),
                    targets(end).size(), (System.nanoTime() - began) / 1e9);

            assertThat(feed.failures()).as("failed sends: " + feed.firstFailure()).isZero();
            assertThat(Totals.differences(end, sent)).as("totals after the take-over").isEmpty();
            assertThat(targets(end)).hasSize(TARGETS);
            assertThat(failover).as("seconds from the kill to a moved partition's first new result counted")
                    .isLessThanOrEqualTo(FAILOVER_BOUND_S);
        }
    }

    private static Set<String> targets(Scrape s) {
        return s.samples("canary_status_total").stream().map(x -> x.label("target")).collect(Collectors.toSet());
    }

    /** Both scrapes as one (the partitions are disjoint, so their samples are too). */
    private static Scrape merge(Scrape[] s) {
        return Scrape.concat(s[0], s[1]);
    }

    /** /api/targets/{t} asked of {@code asked} (which forwards) equals the owner's local answer. */
    private static void assertSameView(StreamsProcess asked, StreamsProcess owner, String target) throws Exception {
        HttpResponse<String> forwarded = asked.get("/api/targets/" + target);
        HttpResponse<String> local = owner.get("/api/targets/" + target + "?scope=local");
        HttpResponse<String> notLocal = asked.get("/api/targets/" + target + "?scope=local");
        assertThat(forwarded.statusCode()).as(forwarded.body()).isEqualTo(200);
        assertThat(local.statusCode()).as(local.body()).isEqualTo(200);
        assertThat(notLocal.statusCode()).as("the non-owner does not hold " + target).isEqualTo(404);
        JsonNode f = Json.MAPPER.readTree(forwarded.body());
        assertThat(f).isEqualTo(Json.MAPPER.readTree(local.body()));
        assertThat(f.path("series").size()).isPositive();
    }
}

package io.netobs.streams.path;

import static io.netobs.streams.path.PathDriver.T0;
import static io.netobs.streams.path.PathDriver.TARGET;
import static io.netobs.streams.path.PathDriver.mtr;
import static io.netobs.streams.path.PathDriver.traceroute;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.PathEvent;
import io.netobs.schema.PathEvent.CloseReason;
import io.netobs.schema.PathEvent.Hop;
import io.netobs.streams.canary.SeriesKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Recorded traceroute and mtr runs, through the agent's parser and the whole topology: which runs
 * are the same path, which open and close a PATH_CHANGED event, and what the event says.
 */
class PathChangeTest {
    static final String TR = "tr-lhr-01";
    static final String MTR = "mtr-fra-01";

    static Instant minute(int n) {
        return T0.plusSeconds(60L * n);
    }

    static final List<Hop> A_LEARNED = List.of(new Hop(1, List.of("192.168.1.1")), new Hop(2, List.of("10.255.0.1")),
            new Hop(3, List.of("100.64.0.1", "100.64.0.2")), new Hop(4, List.of("192.0.2.13", "192.0.2.9")),
            new Hop(5, List.of("192.0.2.17")), new Hop(6, List.of(TARGET)));
    static final List<Hop> B = List.of(new Hop(1, List.of("192.168.1.1")), new Hop(2, List.of("10.255.0.1")),
            new Hop(3, List.of("203.0.113.1")), new Hop(4, List.of("203.0.113.45")), new Hop(5, List.of()),
            new Hop(6, List.of("203.0.113.77")), new Hop(7, List.of(TARGET)));

    @Test
    void shouldTreatNonAnsweringAndLoadBalancedHopsAsTheSamePath() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(traceroute("traceroute-a-balanced.txt", TR, minute(2)));
            d.send(traceroute("traceroute-a.txt", TR, minute(3)));

            assertThat(d.events.isEmpty()).as("'*' hops and other branches of a load balancer are no change").isTrue();
            PathRecord rec = d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR));
            assertThat(rec.current.toEvent()).as("the path learned TTL 2 and the second branch of TTLs 3 and 4")
                    .isEqualTo(A_LEARNED);
            assertThat(rec.current.reached()).isTrue();
            assertThat(rec.changes).isZero();
            assertThat(rec.results).isEqualTo(3);
        }
    }

    @Test
    void shouldOpenOneEventForAFlapAndCloseItWhenThePathReturns() {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(traceroute("traceroute-a-balanced.txt", TR, minute(2)));
            d.send(traceroute("traceroute-b.txt", TR, minute(3)));

            TestRecord<String, PathEvent> opened = d.events.readRecord();
            String id = "PATH_CHANGED|" + TARGET + "|" + TR + "|" + minute(3).toEpochMilli();
            assertThat(opened.key()).isEqualTo(TARGET);
            PathEvent o = opened.value();
            assertThat(o.id()).isEqualTo(id);
            assertThat(o.state()).isEqualTo(PathEvent.State.OPEN);
            assertThat(o.kind()).isEqualTo(PathEvent.Kind.PATH_CHANGED);
            assertThat(o.canaryId()).isEqualTo(TR);
            assertThat(o.pop()).isEqualTo("lhr");
            assertThat(o.oldPath()).isEqualTo(A_LEARNED);
            assertThat(o.newPath()).isEqualTo(B);
            assertThat(o.firstDifferenceTtl()).isEqualTo(3);
            assertThat(o.openedAtMs()).isEqualTo(minute(3).toEpochMilli());
            assertThat(o.closedAtMs()).isNull();
            assertThat(o.closeReason()).isNull();
            assertThat(o.detail()).isEqualTo("path changed at TTL 3: 100.64.0.1,100.64.0.2 -> 203.0.113.1");
            assertThat(d.events.isEmpty()).isTrue();

            d.send(traceroute("traceroute-a.txt", TR, minute(4)));
            List<PathEvent> after = d.events.readValuesToList();
            assertThat(after).as("back on A: the event closes, nothing new opens").hasSize(1);
            PathEvent c = after.get(0);
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.state()).isEqualTo(PathEvent.State.CLOSED);
            assertThat(c.closeReason()).isEqualTo(CloseReason.RETURNED);
            assertThat(c.closedAtMs()).isEqualTo(minute(4).toEpochMilli());
            assertThat(c.oldPath()).isEqualTo(A_LEARNED);
            assertThat(c.newPath()).isEqualTo(B);
            assertThat(c.firstDifferenceTtl()).isEqualTo(3);
            assertThat(c.openedAtMs()).isEqualTo(o.openedAtMs());

            PathRecord rec = d.paths().get(SeriesKeys.of(TARGET, "traceroute", TR));
            assertThat(rec.changes).as("A to B and B to A").isEqualTo(2);
            assertThat(rec.open).isNull();
            assertThat(rec.current.toEvent()).as("A with all it had learned").isEqualTo(A_LEARNED);

            d.send(traceroute("traceroute-a-balanced.txt", TR, minute(5)));
            assertThat(d.events.isEmpty()).as("A's other branch is still A").isTrue();
        }
    }

    @Test
    void shouldCloseAChangeWhenTheNewPathHeldAndCompareWithItFromThen() {
        try (PathDriver d = new PathDriver()) {
            d.send(mtr("mtr-a.json", MTR, minute(1)));
            d.send(mtr("mtr-a-balanced.json", MTR, minute(2)));
            assertThat(d.events.isEmpty()).isTrue();

            d.send(mtr("mtr-c.json", MTR, minute(3)));
            PathEvent o = d.events.readValue();
            assertThat(o.state()).isEqualTo(PathEvent.State.OPEN);
            assertThat(o.firstDifferenceTtl()).isEqualTo(3);
            assertThat(o.oldPath()).extracting(Hop::addresses).containsExactly(List.of("172.16.0.1"), List.of(),
                    List.of("100.70.1.1", "100.70.1.2"), List.of("192.0.2.9"), List.of(TARGET));
            assertThat(o.newPath()).extracting(Hop::addresses).containsExactly(List.of("172.16.0.1"), List.of(),
                    List.of("100.70.9.1"), List.of("203.0.113.201"), List.of("203.0.113.202"), List.of(TARGET));

            for (int m = 4; m <= 6; m++) {
                d.send(mtr("mtr-c.json", MTR, minute(m)));
            }
            assertThat(d.events.isEmpty()).as("four results of C: not yet the normal path").isTrue();
            d.send(mtr("mtr-c.json", MTR, minute(7)));
            PathEvent c = d.events.readValue();
            assertThat(c.id()).isEqualTo(o.id());
            assertThat(c.closeReason()).isEqualTo(CloseReason.STABLE);
            assertThat(c.closedAtMs()).isEqualTo(minute(7).toEpochMilli());

            d.send(mtr("mtr-a.json", MTR, minute(8)));
            PathEvent back = d.events.readValue();
            assertThat(back.state()).as("C is the normal path now: A is a change").isEqualTo(PathEvent.State.OPEN);
            assertThat(back.id()).isNotEqualTo(o.id());
            assertThat(back.oldPath()).isEqualTo(o.newPath());
            assertThat(back.newPath()).extracting(Hop::addresses).contains(List.of("100.70.1.1"));
            assertThat(d.paths().get(SeriesKeys.of(TARGET, "traceroute", MTR)).changes).isEqualTo(2);
        }
    }

    @Test
    void shouldAnswerTheCurrentPathOfEveryCanaryOfATarget() throws Exception {
        try (PathDriver d = new PathDriver()) {
            d.send(traceroute("traceroute-a.txt", TR, minute(1)));
            d.send(mtr("mtr-a.json", MTR, minute(1)));
            d.send(traceroute("traceroute-b.txt", TR, minute(2)));

            PathQueries q = new PathQueries(d.stores());
            Map<String, PathQueries.CurrentPath> paths = q.path(TARGET);
            assertThat(paths).containsOnlyKeys(MTR, TR);
            PathQueries.CurrentPath tr = paths.get(TR);
            assertThat(tr.target()).isEqualTo(TARGET);
            assertThat(tr.pop()).isEqualTo("lhr");
            assertThat(tr.destinationReached()).isTrue();
            assertThat(tr.sinceMs()).isEqualTo(minute(2).toEpochMilli());
            assertThat(tr.changes()).isEqualTo(1);
            assertThat(tr.hops()).extracting(PathQueries.Hop::addresses).isEqualTo(B.stream().map(Hop::addresses).toList());
            assertThat(tr.hops().get(2)).isEqualTo(new PathQueries.Hop(3, List.of("203.0.113.1"), 6.801, 0.0));
            assertThat(tr.hops().get(4).latencyMs()).as("no reply at TTL 5").isNull();
            assertThat(tr.hops().get(4).lossPercent()).isEqualTo(100.0);
            assertThat(tr.openChange().state()).isEqualTo(PathEvent.State.OPEN);
            assertThat(tr.openChange()).isEqualTo(d.events.readValue());
            PathQueries.CurrentPath m = paths.get(MTR);
            assertThat(m.openChange()).isNull();
            assertThat(m.hops().get(3)).as("mtr's avg is the median of best/avg/worst")
                    .isEqualTo(new PathQueries.Hop(4, List.of("192.0.2.9"), 6.902, 10.0));

            assertThat(io.netobs.schema.Json.MAPPER.writeValueAsString(paths)).as("as the HTTP layer would serve it")
                    .contains("\"canary_id\":\"tr-lhr-01\"", "\"destination_reached\":true",
                            "\"addresses\":[\"203.0.113.1\"]", "\"latency_ms\":6.801", "\"first_difference_ttl\":3");
            assertThat(q.path("192.0.2.200")).isEmpty();
            assertThat(q.all()).extracting(PathQueries.CurrentPath::canaryId).containsExactly(MTR, TR);
        }
    }
}

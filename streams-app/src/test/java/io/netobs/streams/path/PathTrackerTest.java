package io.netobs.streams.path;

import static io.netobs.streams.path.Paths.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.netobs.schema.PathEvent;
import io.netobs.schema.PathEvent.CloseReason;
import io.netobs.schema.PathEvent.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle of PATH_CHANGED events, one trace at a time. */
class PathTrackerTest {
    private static final PathShape A = path("g", "x", "y", "D");
    private static final PathShape B = path("g", "m1", "m2", "m3", "D");
    private static final PathShape C = path("g", "n1", "n2", "n3", "n4", "D");

    private final PathRecord rec = new PathRecord();
    private long t;

    private List<PathEvent> trace(PathShape p) {
        t += 60_000;
        return PathTracker.update(rec, new Trace(p, new double[0], new double[0], false), "T", "c", t);
    }

    @Test
    void shouldWriteNothingForTheFirstPathNorForTheSamePath() {
        assertThat(trace(A)).isEmpty();
        assertThat(trace(path("g", "x2", "y", "D"))).isEmpty();
        assertThat(trace(Paths.partial())).as("a trace without any answer").isEmpty();
        assertThat(rec.results).as("the trace without an answer does not count").isEqualTo(2);
        assertThat(rec.changes).isZero();
    }

    @Test
    void shouldSupersedeAChangeByAThirdPathKeepingTheOldOne() {
        trace(A);
        PathEvent toB = trace(B).get(0);
        List<PathEvent> toC = trace(C);
        assertThat(toC).extracting(PathEvent::state, PathEvent::closeReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(State.CLOSED, CloseReason.SUPERSEDED),
                        org.assertj.core.groups.Tuple.tuple(State.OPEN, null));
        assertThat(toC.get(0).id()).isEqualTo(toB.id());
        PathEvent opened = toC.get(1);
        assertThat(opened.id()).isEqualTo("PATH_CHANGED|T|c|" + t);
        assertThat(opened.oldPath()).as("from the last stable path, not from B").isEqualTo(A.toEvent());
        assertThat(opened.newPath()).isEqualTo(C.toEvent());
        assertThat(opened.firstDifferenceTtl()).isEqualTo(2);

        List<PathEvent> back = trace(A);
        assertThat(back).extracting(PathEvent::id, PathEvent::closeReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(opened.id(), CloseReason.RETURNED));
        assertThat(rec.changes).isEqualTo(3);
        assertThat(rec.open).isNull();
    }

    @Test
    void shouldCloseAfterTheNewPathHeldForFiveResults() {
        trace(A);
        String id = trace(B).get(0).id();
        for (int i = 2; i < PathTracker.STABLE_RESULTS; i++) {
            assertThat(trace(B)).isEmpty();
        }
        List<PathEvent> closed = trace(path("g", "m1", "m2b", "m3", "D"));
        assertThat(closed).extracting(PathEvent::id, PathEvent::closeReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, CloseReason.STABLE));
        assertThat(closed.get(0).detail()).isEqualTo("the new path held for 5 results");
        assertThat(trace(A).get(0).oldPath()).as("B, with its learned branch, is the old path now")
                .isEqualTo(path("g", "m1", "m2|m2b", "m3", "D").toEvent());
    }

    @Test
    void shouldCloseAnOpenChangeWhenTheSeriesExpires() {
        trace(A);
        assertThat(PathTracker.expire(rec, "T", "c", 1L)).isNull();
        PathEvent opened = trace(B).get(0);
        assertThat(PathTracker.open(rec, "T", "c")).isEqualTo(opened);
        PathEvent expired = PathTracker.expire(rec, "T", "c", 999L);
        assertThat(expired.id()).isEqualTo(opened.id());
        assertThat(expired.closeReason()).isEqualTo(CloseReason.EXPIRED);
        assertThat(expired.closedAtMs()).isEqualTo(999L);
    }
}

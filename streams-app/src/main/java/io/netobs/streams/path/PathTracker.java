package io.netobs.streams.path;

import io.netobs.schema.PathEvent;
import io.netobs.schema.PathEvent.CloseReason;
import io.netobs.streams.path.PathRecord.OpenChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds one trace into a series' {@link PathRecord} and returns the PATH_CHANGED records to write.
 * <ul>
 *   <li>The first trace with an answer sets the path; nothing is written.</li>
 *   <li>A trace of the same path ({@link PathComparison}) teaches the path its new addresses. While a
 *       change is open, {@link #STABLE_RESULTS} consecutive results of the new path close it
 *       ({@code STABLE}): the new path is the normal one from then on.</li>
 *   <li>A different path while no change is open opens one: old = the current path, new = the trace.</li>
 *   <li>A different path while a change is open: the old path again closes it ({@code RETURNED}; the
 *       old path, with everything learned about it, is current again and nothing new opens); a third
 *       path closes it ({@code SUPERSEDED}) and opens a new change from the same old path to the third.</li>
 * </ul>
 * So an event is open exactly while the path differs from the last stable one, a flap A, B, A is one
 * event (opened at B, closed at A), and every replacement of the current path, returns included,
 * counts in {@link PathRecord#changes}.
 */
final class PathTracker {
    /** Consecutive results of a new path after which it is the stable path and its change closes. */
    static final int STABLE_RESULTS = 5;

    private final PathRecord rec;
    private final String target;
    private final String canary;
    private boolean dropped;

    private PathTracker(PathRecord rec, String target, String canary) {
        this.rec = rec;
        this.target = target;
        this.canary = canary;
    }

    /** Folds in a trace observed at {@code t}, newer than every earlier one of the series. */
    static List<PathEvent> update(PathRecord rec, Trace trace, String target, String canary, long t) {
        PathTracker u = new PathTracker(rec, target, canary);
        List<PathEvent> out = u.apply(trace.path(), t);
        if (trace.truncated() || u.dropped) {
            rec.truncated++;
        }
        return out;
    }

    /** The CLOSED record of a series that expires with a change open; null when none is. */
    static PathEvent expire(PathRecord rec, String target, String canary, long wallMs) {
        return rec.open == null ? null : new PathTracker(rec, target, canary).closed(rec.open, CloseReason.EXPIRED,
                wallMs, "no traceroute result for NETOBS_SERIES_EXPIRY");
    }

    /** The OPEN record of the series' open change, as it was written; null when none is open. */
    static PathEvent open(PathRecord rec, String target, String canary) {
        return rec.open == null ? null : new PathTracker(rec, target, canary).opened(rec.open);
    }

    private List<PathEvent> apply(PathShape trace, long t) {
        if (trace.length() == 0) {
            return List.of(); // no hop answered: nothing to compare
        }
        if (rec.current.length() == 0) {
            start(trace, t);
            return List.of();
        }
        int change = PathComparison.firstChange(rec.current, trace);
        if (change == 0) {
            rec.current = learn(rec.current, trace);
            rec.results++;
            if (rec.open != null && rec.results >= STABLE_RESULTS) {
                PathEvent closed = closed(rec.open, CloseReason.STABLE, t, "the new path held for " + rec.results
                        + " results");
                rec.open = null;
                return List.of(closed);
            }
            return List.of();
        }
        rec.changes++;
        List<PathEvent> out = new ArrayList<>(2);
        PathShape old = rec.current;
        if (rec.open != null) {
            OpenChange was = rec.open;
            rec.open = null;
            old = was.from();
            change = PathComparison.firstChange(old, trace);
            if (change == 0) {
                start(learn(old, trace), t);
                return List.of(closed(was, CloseReason.RETURNED, t, "back on the previous path"));
            }
            out.add(closed(was, CloseReason.SUPERSEDED, t, "the path changed again, at TTL " + change
                    + " of the previous path"));
        }
        rec.open = new OpenChange(String.join("|", PathEvent.Kind.PATH_CHANGED.name(), target, canary,
                Long.toString(t)), t, old, trace, change);
        start(trace, t);
        out.add(opened(rec.open));
        return out;
    }

    private void start(PathShape path, long t) {
        rec.current = path;
        rec.sinceMs = t;
        rec.results = 1;
    }

    private PathShape learn(PathShape path, PathShape trace) {
        PathComparison.Learned l = PathComparison.learn(path, trace, Trace.MAX_ADDRESSES);
        dropped |= l.dropped() > 0;
        return l.path();
    }

    private PathEvent opened(OpenChange c) {
        int ttl = c.firstDifferenceTtl();
        return event(c, PathEvent.State.OPEN, null, null, "path changed at TTL " + ttl + ": " + c.from().describe(ttl)
                + " -> " + c.to().describe(ttl));
    }

    private PathEvent closed(OpenChange c, CloseReason why, long at, String detail) {
        return event(c, PathEvent.State.CLOSED, at, why, detail);
    }

    private PathEvent event(OpenChange c, PathEvent.State state, Long closedAt, CloseReason why, String detail) {
        return new PathEvent(PathEvent.SCHEMA_VERSION, c.id(), PathEvent.Kind.PATH_CHANGED, state, target, canary,
                rec.pop, c.from().toEvent(), c.to().toEvent(), c.firstDifferenceTtl(), c.openedAtMs(), closedAt,
                why, detail);
    }
}

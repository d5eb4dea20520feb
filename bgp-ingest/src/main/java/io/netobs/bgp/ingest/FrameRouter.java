package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one frame's {@link ParseResult} where it belongs and counts it exactly once, the same way
 * for live frames, NDJSON recordings and MRT records.
 */
public final class FrameRouter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameRouter.class);

    private final RecordSink sink;
    private final IngestMetrics metrics;
    private final AtomicLong lastRisErrorLogMs = new AtomicLong();

    public FrameRouter(RecordSink sink, IngestMetrics metrics) {
        this.sink = sink;
        this.metrics = metrics;
    }

    /**
     * @param raw      the frame's original bytes, only materialised when it is dead-lettered
     * @param timeMap  BGP event time to published time: identity, or the replay loop's shift to now
     */
    public void route(ParseResult result, Supplier<byte[]> raw, String sourceTopic, long offset, LongUnaryOperator timeMap) {
        if (result instanceof ParseResult.Updates u) {
            long t = timeMap.applyAsLong(u.eventTimeMs());
            metrics.observe(u.collector(), t);
            for (BgpUpdate up : u.updates()) {
                long ts = timeMap.applyAsLong(up.timestampMs());
                sink.publish(ts == up.timestampMs() ? up : shifted(up, ts));
            }
            if (u.updates().isEmpty()) {
                metrics.framesIgnored.increment();
            } else {
                metrics.framesPublished.increment();
            }
        } else if (result instanceof ParseResult.Ignored i) {
            if (i.collector() != null) {
                metrics.observe(i.collector(), timeMap.applyAsLong(i.eventTimeMs()));
            }
            metrics.framesIgnored.increment();
        } else if (result instanceof ParseResult.RisError e) {
            metrics.risErrors.increment();
            metrics.framesIgnored.increment();
            long now = System.currentTimeMillis();
            long last = lastRisErrorLogMs.get();
            if (now - last > 5_000 && lastRisErrorLogMs.compareAndSet(last, now)) {
                LOG.warn("RIS Live error from {} ({} so far): {}", sourceTopic, metrics.risErrors.sum(), e.message());
            }
        } else if (result instanceof ParseResult.Rejected r) {
            metrics.framesDeadLetter.increment();
            sink.deadLetter(raw.get(), sourceTopic, offset, r.headerText());
        }
    }

    static BgpUpdate shifted(BgpUpdate u, long timestampMs) {
        return new BgpUpdate(u.schemaVersion(), timestampMs, u.collector(), u.project(), u.peerIp(), u.peerAsn(), u.type(),
                u.prefix(), u.asPath(), u.asSet(), u.originAsns(), u.nextHop(), u.communities(), u.source());
    }
}

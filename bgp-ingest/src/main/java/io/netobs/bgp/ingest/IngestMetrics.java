package io.netobs.bgp.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The ingester's own counters and gauges, on the registry its main built. The hot path only bumps a
 * {@link LongAdder}; the registry reads the adders at scrape time ({@link FunctionCounter}). Every
 * label value known in advance is exported from 0: a series born at 1 hides its first increment from
 * {@code increase()}, so an alert on it would never fire.
 */
public final class IngestMetrics {
    /** Collectors are a fixed set (about 25 RIS and 40 RouteViews); more than this is a bad feed. */
    static final int MAX_COLLECTORS = 256;
    /** Values of {@code NETOBS_BGP_SOURCE}, the {@code source} label of {@code netobs_bgp_ingest_source}. */
    static final List<String> SOURCES = List.of("ris-live", "replay");
    private static final String LAST_MESSAGE = "netobs.bgp.ingest.last.message.timestamp.seconds";

    final LongAdder framesPublished = new LongAdder();
    final LongAdder framesDeadLetter = new LongAdder();
    final LongAdder framesIgnored = new LongAdder();
    final LongAdder recordsPublished = new LongAdder();
    final LongAdder publishErrors = new LongAdder();
    final LongAdder risErrors = new LongAdder();
    final LongAdder queueOverflow = new LongAdder();
    final LongAdder handshakeTimeouts = new LongAdder();
    private final Map<ReconnectReason, LongAdder> reconnects = adders(ReconnectReason.class);
    private final Map<SentMessage, LongAdder> sendFailures = adders(SentMessage.class);
    final AtomicInteger connected = new AtomicInteger();
    private volatile String source;
    private volatile long connectedChangedMs;
    private final Map<String, AtomicLong> lastEventMsByCollector = new ConcurrentHashMap<>();
    private final AtomicLong lastMessageWallMs;
    private final LongSupplier clock;
    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry, LongSupplier wallClockMs) {
        this.registry = registry;
        this.clock = wallClockMs;
        // Before any message, "seconds since" counts from start-up, so a feed that never starts alerts too.
        this.lastMessageWallMs = new AtomicLong(wallClockMs.getAsLong());
        this.connectedChangedMs = wallClockMs.getAsLong();
        register();
    }

    private void register() {
        Gauge.builder("netobs.bgp.ingest.seconds.since.last.message", this, IngestMetrics::secondsSinceLastMessage)
                .description("Wall-clock seconds since the ingester last received a BGP message (from start-up if none yet)")
                .strongReference(true).register(registry);
        String frames = "Frames (RIS Live messages or MRT records) handled, by outcome";
        counter("netobs.bgp.ingest.frames", frames, framesPublished, "result", "published");
        counter("netobs.bgp.ingest.frames", frames, framesDeadLetter, "result", "dead_letter");
        counter("netobs.bgp.ingest.frames", frames, framesIgnored, "result", "ignored");
        counter("netobs.bgp.ingest.records", "bgp-updates records sent (one per prefix, peer and event)", recordsPublished);
        counter("netobs.bgp.ingest.publish.errors", "Records the Kafka producer failed to deliver", publishErrors);
        counter("netobs.bgp.ingest.ris.errors", "ris_error messages received from RIS Live", risErrors);
        counter("netobs.bgp.ingest.queue.overflow",
                "Frames dropped because the queue between the websocket and the publisher was full", queueOverflow);
        reconnects.forEach((why, n) -> counter("netobs.bgp.ingest.reconnects",
                "RIS Live connections given up and retried, by why the previous one ended", n, "reason", why.label));
        sendFailures.forEach((what, n) -> counter("netobs.bgp.ingest.send.failures",
                "RIS Live messages that could not be sent because the socket was already closing, by message", n,
                "message", what.label));
        counter("netobs.bgp.ingest.handshake.timeouts",
                "RIS Live attempts abandoned because connect, TLS and websocket upgrade exceeded the handshake timeout",
                handshakeTimeouts);
        Gauge.builder("netobs.bgp.ingest.connected", connected, AtomicInteger::get)
                .description("1 while the RIS Live websocket is open, else 0 (always 0 in replay mode)")
                .strongReference(true).register(registry);
        for (String s : SOURCES) {
            Gauge.builder("netobs.bgp.ingest.source", this, m -> s.equals(m.source) ? 1 : 0)
                    .description("1 for the BGP source this ingester runs (ris-live or replay), 0 for the other")
                    .tag("source", s).strongReference(true).register(registry);
        }
    }

    private void counter(String name, String help, LongAdder value, String... tags) {
        FunctionCounter.builder(name, value, LongAdder::sum).description(help).tags(tags).register(registry);
    }

    private static <E extends Enum<E>> Map<E, LongAdder> adders(Class<E> type) {
        Map<E, LongAdder> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, new LongAdder());
        }
        return m;
    }

    /** The source in use, one of {@link #SOURCES}; until set, every source series is 0. */
    void setSource(String name) {
        if (!SOURCES.contains(name)) {
            throw new IllegalArgumentException("unknown BGP source '" + name + "', expected one of " + SOURCES);
        }
        source = name;
    }

    void reconnect(ReconnectReason why) {
        reconnects.get(why).increment();
    }

    void sendFailed(SentMessage what) {
        sendFailures.get(what).increment();
    }

    void setConnected(boolean up) {
        if (connected.getAndSet(up ? 1 : 0) != (up ? 1 : 0)) {
            connectedChangedMs = clock.getAsLong();
        }
    }

    /** Milliseconds the websocket has been in its current state (open or not). */
    long msInConnectionState() {
        return clock.getAsLong() - connectedChangedMs;
    }

    /** A message from {@code collector} with BGP event time {@code eventTimeMs} arrived now. */
    void observe(String collector, long eventTimeMs) {
        lastMessageWallMs.set(clock.getAsLong());
        if (collector == null) {
            return;
        }
        AtomicLong last = lastEventMsByCollector.get(collector);
        if (last == null) {
            if (lastEventMsByCollector.size() >= MAX_COLLECTORS) {
                return;
            }
            last = lastEventMsByCollector.computeIfAbsent(collector, c -> collectorGauge(c, eventTimeMs));
        }
        last.accumulateAndGet(eventTimeMs, Math::max);
    }

    /** A collector's series appears with its first message: which collectors feed us is only known then. */
    private AtomicLong collectorGauge(String collector, long firstEventMs) {
        AtomicLong ms = new AtomicLong(firstEventMs);
        Gauge.builder(LAST_MESSAGE, ms, v -> v.get() / 1000.0)
                .description("BGP event time of the latest message received from each collector, Unix seconds")
                .tag("collector", collector).strongReference(true).register(registry);
        return ms;
    }

    public long framesPublished() {
        return framesPublished.sum();
    }

    public long framesDeadLetter() {
        return framesDeadLetter.sum();
    }

    public long framesIgnored() {
        return framesIgnored.sum();
    }

    public long recordsPublished() {
        return recordsPublished.sum();
    }

    /** Reconnections for every reason together. */
    public long reconnects() {
        return reconnects.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long reconnects(ReconnectReason why) {
        return reconnects.get(why).sum();
    }

    public long sendFailures() {
        return sendFailures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long handshakeTimeouts() {
        return handshakeTimeouts.sum();
    }

    public long publishErrors() {
        return publishErrors.sum();
    }

    public boolean connected() {
        return connected.get() == 1;
    }

    public double secondsSinceLastMessage() {
        return Math.max(0, clock.getAsLong() - lastMessageWallMs.get()) / 1000.0;
    }
}

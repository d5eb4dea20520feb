package io.netobs.bgp.ingest;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The ingester's own counters and gauges, rendered as Prometheus text. Hand-written because the
 * families and their label values are few and fixed, and the hot path must only bump a
 * {@link LongAdder}. Every label value known in advance is exported from 0: a series born at 1 hides
 * its first increment from {@code increase()}, so an alert on it would never fire.
 */
public final class IngestMetrics {
    /** Collectors are a fixed set (about 25 RIS and 40 RouteViews); more than this is a bad feed. */
    static final int MAX_COLLECTORS = 256;
    /** Values of {@code NETOBS_BGP_SOURCE}, the {@code source} label of {@code netobs_bgp_ingest_source}. */
    static final List<String> SOURCES = List.of("ris-live", "replay");

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
    private final Map<String, Long> lastEventMsByCollector = new ConcurrentHashMap<>();
    private final AtomicLong lastMessageWallMs;
    private final LongSupplier clock;

    public IngestMetrics(LongSupplier wallClockMs) {
        this.clock = wallClockMs;
        // Before any message, "seconds since" counts from start-up, so a feed that never starts alerts too.
        this.lastMessageWallMs = new AtomicLong(wallClockMs.getAsLong());
        this.connectedChangedMs = wallClockMs.getAsLong();
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
        if (lastEventMsByCollector.size() < MAX_COLLECTORS || lastEventMsByCollector.containsKey(collector)) {
            lastEventMsByCollector.merge(collector, eventTimeMs, Math::max);
        }
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

    /** Prometheus text exposition format 0.0.4. */
    public String render() {
        StringBuilder sb = new StringBuilder(2048);
        family(sb, "netobs_bgp_ingest_last_message_timestamp_seconds", "gauge",
                "BGP event time of the latest message received from each collector, Unix seconds");
        new TreeMap<>(lastEventMsByCollector).forEach((c, ms) ->
                sb.append("netobs_bgp_ingest_last_message_timestamp_seconds{collector=\"").append(escape(c)).append("\"} ")
                        .append(seconds(ms)).append('\n'));
        family(sb, "netobs_bgp_ingest_seconds_since_last_message", "gauge",
                "Wall-clock seconds since the ingester last received a BGP message (from start-up if none yet)");
        sb.append("netobs_bgp_ingest_seconds_since_last_message ").append(format(secondsSinceLastMessage())).append('\n');
        family(sb, "netobs_bgp_ingest_frames_total", "counter",
                "Frames (RIS Live messages or MRT records) handled, by outcome");
        sb.append("netobs_bgp_ingest_frames_total{result=\"published\"} ").append(framesPublished.sum()).append('\n');
        sb.append("netobs_bgp_ingest_frames_total{result=\"dead_letter\"} ").append(framesDeadLetter.sum()).append('\n');
        sb.append("netobs_bgp_ingest_frames_total{result=\"ignored\"} ").append(framesIgnored.sum()).append('\n');
        counter(sb, "netobs_bgp_ingest_records_total", "bgp-updates records sent (one per prefix, peer and event)", recordsPublished);
        counter(sb, "netobs_bgp_ingest_publish_errors_total", "Records the Kafka producer failed to deliver", publishErrors);
        counter(sb, "netobs_bgp_ingest_ris_errors_total", "ris_error messages received from RIS Live", risErrors);
        counter(sb, "netobs_bgp_ingest_queue_overflow_total",
                "Frames dropped because the queue between the websocket and the publisher was full", queueOverflow);
        family(sb, "netobs_bgp_ingest_reconnects_total", "counter",
                "RIS Live connections given up and retried, by why the previous one ended");
        reconnects.forEach((why, n) -> labelled(sb, "netobs_bgp_ingest_reconnects_total", "reason", why.label, n));
        family(sb, "netobs_bgp_ingest_send_failures_total", "counter",
                "RIS Live messages that could not be sent because the socket was already closing, by message");
        sendFailures.forEach((what, n) -> labelled(sb, "netobs_bgp_ingest_send_failures_total", "message", what.label, n));
        counter(sb, "netobs_bgp_ingest_handshake_timeouts_total",
                "RIS Live attempts abandoned because connect, TLS and websocket upgrade exceeded the handshake timeout",
                handshakeTimeouts);
        family(sb, "netobs_bgp_ingest_connected", "gauge", "1 while the RIS Live websocket is open, else 0 (always 0 in replay mode)");
        sb.append("netobs_bgp_ingest_connected ").append(connected.get()).append('\n');
        family(sb, "netobs_bgp_ingest_source", "gauge", "1 for the BGP source this ingester runs (ris-live or replay), 0 for the other");
        String in = source;
        for (String s : SOURCES) {
            sb.append("netobs_bgp_ingest_source{source=\"").append(s).append("\"} ").append(s.equals(in) ? 1 : 0).append('\n');
        }
        return sb.toString();
    }

    private static void labelled(StringBuilder sb, String name, String label, String value, LongAdder v) {
        sb.append(name).append('{').append(label).append("=\"").append(value).append("\"} ").append(v.sum()).append('\n');
    }

    private static void counter(StringBuilder sb, String name, String help, LongAdder v) {
        family(sb, name, "counter", help);
        sb.append(name).append(' ').append(v.sum()).append('\n');
    }

    private static void family(StringBuilder sb, String name, String type, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String seconds(long ms) {
        return format(ms / 1000.0);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

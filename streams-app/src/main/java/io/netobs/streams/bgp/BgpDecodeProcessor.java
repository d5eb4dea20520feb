package io.netobs.streams.bgp;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import io.netobs.schema.bgp.Cidr;
import io.netobs.schema.bgp.MonitoredPrefixes;
import io.netobs.streams.AppConfig;
import io.netobs.streams.errors.Reasons;
import io.netobs.streams.state.Counters;
import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The only place a BGP update's JSON is parsed, and the admission before the repartition, so nothing
 * unmonitored costs a repartition write or a store entry (and no unmonitored prefix ever becomes a
 * label). A record that cannot be used (not an update of the schema, a prefix that is not one, a BGP
 * time beyond the clock skew) is counted and refused with its reason; the processing exception
 * handler puts it on the dead-letter topic. Updates of ignored feeder peers and of prefixes outside
 * every monitored prefix are dropped; the rest is keyed by the monitored prefix it belongs to.
 *
 * <p>A PEER_DOWN names a peer, not a prefix, and the peer's routes are spread over every monitored
 * prefix; it is copied once per monitored prefix so the task owning each one withdraws that peer's
 * routes locally. Sessions go down a few times an hour per collector, so the fan-out (one small
 * record per monitored prefix) is cheap next to the alternative, a per-peer index kept consistent
 * across tasks, which would need a second repartition on every update.
 */
final class BgpDecodeProcessor implements Processor<String, byte[], String, BgpUpdate> {
    static final int MAX_ADMISSIONS = 100_000;
    private final MonitoredPrefixes config;
    private final List<String> monitored;
    private final long maxSkewMs;
    private final int maxRecordBytes;
    private ProcessorContext<String, BgpUpdate> context;
    private Counters counters;
    private final Map<String, Admission> admissions = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Admission> eldest) {
            return size() > MAX_ADMISSIONS;
        }
    };

    BgpDecodeProcessor(MonitoredPrefixes config, AppConfig cfg) {
        this.config = config;
        this.monitored = config.monitored().stream().map(p -> p.prefix().toString()).toList();
        this.maxSkewMs = cfg.maxClockSkew().toMillis();
        this.maxRecordBytes = cfg.maxRecordBytes();
    }

    @Override
    public void init(ProcessorContext<String, BgpUpdate> context) {
        this.context = context;
        this.counters = new Counters(context.getStateStore(BgpNames.STORE_INPUT_COUNTERS));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        BgpUpdate u;
        Admission admission;
        try {
            u = decode(record.value());
            admission = u.type() == BgpUpdate.Kind.PEER_DOWN ? null : admission(u.prefix());
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.BGP_UPDATES);
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
        if (config.isIgnoredPeer(u.peerIp(), u.peerAsn())) {
            return;
        }
        if (admission == null) {
            for (String m : monitored) {
                context.forward(record.withKey(m).withValue(u));
            }
            return;
        }
        if (admission.monitored() != null) {
            context.forward(record.withKey(admission.monitored())
                    .withValue(admission.canonical().equals(u.prefix()) ? u : withPrefix(u, admission.canonical())));
        }
    }

    /** Where a prefix belongs: its monitored prefix (null: none) and its canonical text. */
    private record Admission(String monitored, String canonical) {
    }

    /**
     * The admission of a prefix, remembered: a feed repeats the same prefixes all day, and parsing and
     * matching one costs more than the rest of this processor. Bounded, least recently used out.
     */
    private Admission admission(String prefix) {
        Admission a = admissions.get(prefix);
        if (a == null) {
            Cidr p = prefix(prefix);
            a = new Admission(config.match(p).map(m -> m.prefix().toString()).orElse(null), p.toString());
            admissions.put(prefix, a);
        }
        return a;
    }

    private BgpUpdate decode(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(Reasons.EMPTY, "empty value: a BGP update cannot be a tombstone");
        }
        if (value.length > maxRecordBytes) {
            throw new InvalidRecordException(Reasons.TOO_LARGE, "a record of " + value.length
                    + " bytes, more than NETOBS_MAX_RECORD_BYTES=" + maxRecordBytes);
        }
        BgpUpdate u = PayloadSerdes.BGP_UPDATE.deserialize(Topics.BGP_UPDATES, value);
        long wall = context.currentSystemTimeMs();
        if (u.timestampMs() > wall + maxSkewMs) {
            throw new InvalidRecordException(Reasons.TIMESTAMP_IN_FUTURE, "BGP time "
                    + Instant.ofEpochMilli(u.timestampMs()) + " is more than NETOBS_MAX_CLOCK_SKEW ahead of this"
                    + " instance's clock (" + Instant.ofEpochMilli(wall) + ")");
        }
        return u;
    }

    private static Cidr prefix(String prefix) {
        try {
            return Cidr.parse(prefix);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("field 'prefix' is not a prefix: " + e.getMessage());
        }
    }

    private static BgpUpdate withPrefix(BgpUpdate u, String prefix) {
        return new BgpUpdate(u.schemaVersion(), u.timestampMs(), u.collector(), u.project(), u.peerIp(), u.peerAsn(),
                u.type(), prefix, u.asPath(), u.asSet(), u.originAsns(), u.nextHop(), u.communities(), u.source());
    }
}

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
import java.util.Optional;
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
    private final MonitoredPrefixes config;
    private final List<String> monitored;
    private final long maxSkewMs;
    private final int maxRecordBytes;
    private ProcessorContext<String, BgpUpdate> context;
    private Counters counters;

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
        Optional<Cidr> prefix;
        try {
            u = decode(record.value());
            prefix = u.type() == BgpUpdate.Kind.PEER_DOWN ? Optional.empty() : Optional.of(prefix(u));
        } catch (RuntimeException e) {
            String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(Topics.BGP_UPDATES);
            counters.increment(Counters.deadLetterKey(topic, Reasons.of(e)));
            throw e;
        }
        if (config.isIgnoredPeer(u.peerIp(), u.peerAsn())) {
            return;
        }
        if (prefix.isEmpty()) {
            for (String m : monitored) {
                context.forward(record.withKey(m).withValue(u));
            }
            return;
        }
        Cidr p = prefix.get();
        config.match(p).ifPresent(m -> context.forward(record.withKey(m.prefix().toString())
                .withValue(p.toString().equals(u.prefix()) ? u : withPrefix(u, p.toString()))));
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

    private static Cidr prefix(BgpUpdate u) {
        try {
            return Cidr.parse(u.prefix());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("field 'prefix' is not a prefix: " + e.getMessage());
        }
    }

    private static BgpUpdate withPrefix(BgpUpdate u, String prefix) {
        return new BgpUpdate(u.schemaVersion(), u.timestampMs(), u.collector(), u.project(), u.peerIp(), u.peerAsn(),
                u.type(), prefix, u.asPath(), u.asSet(), u.originAsns(), u.nextHop(), u.communities(), u.source());
    }
}

package io.netobs.streams.fault;

import io.netobs.bgp.ingest.RecordedUpdates;
import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The fuzz run's input: real records of both input topics, a share sent as they are and the rest
 * damaged by a {@link Mutator}. Canary results are in the seed's wire format and the agent's
 * superset (per-packet RTTs, HTTP phases, traceroute hops, labels); BGP updates come from the
 * bundled recording and bgp-ingest's fixtures through the ingester's own parser, serialized and keyed
 * as its KafkaPublisher does, their times moved into the last half hour.
 */
final class FuzzInput {
    /** A record to send: topic, key, value (null: a tombstone), record time, and what was done to it. */
    record Item(String topic, String key, byte[] value, long timestampMs, Mutator.Kind kind) {
    }

    static final List<String> CANARY_LISTS = List.of("rtts_ms", "answer", "hops", "labels");
    static final List<String> BGP_LISTS = List.of("as_path", "as_set", "origin_asns", "communities");

    private FuzzInput() {
    }

    /** Canary results: {@code n} records, about a fifth unmodified. */
    static List<Item> canary(long seed, int n, long nowMs) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mutator m = new Mutator(seed + 1, CANARY_LISTS, "timestamp");
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long t = nowMs - 20 * 60_000 + i * (19L * 60_000 / n);
            int target = rnd.nextInt(60);
            byte[] base = i % 7 == 0 ? agentResult(target, t)
                    : CanaryBacklog.result(rnd, CanaryBacklog.target("fuzz", target), CanaryBacklog.TYPES[target % 3],
                            CanaryBacklog.CANARIES[i % 2], t, true).json();
            String key = rnd.nextInt(4) == 0 ? null : CanaryBacklog.target("fuzz", target);
            if (rnd.nextInt(5) == 0) {
                out.add(new Item(Topics.CANARY_RESULTS, key, base, t, null));
            } else {
                Mutator.Mutation mu = m.mutate(base);
                out.add(new Item(Topics.CANARY_RESULTS, key, mu.value(), t, mu.kind()));
            }
        }
        return out;
    }

    /** The agent's superset of the seed's format, one of four shapes. */
    private static byte[] agentResult(int target, long t) {
        String ts = Instant.ofEpochMilli(t).toString();
        String common = "\"schema_version\": 1, \"canary_id\": \"agent-lhr-1\", \"target\": \""
                + CanaryBacklog.target("fuzz", target) + "\", \"timestamp\": \"" + ts + "\", \"pop\": \"lhr\", "
                + "\"labels\": {\"team\": \"net\", \"tier\": \"1\"}, ";
        String json = switch (target % 4) {
            case 0 -> "{\"type\": \"ping\", " + common + "\"status\": \"SUCCESS\", \"rtt_avg_ms\": 12.5, \"rtt_min_ms\": 11.0,"
                    + " \"rtt_max_ms\": 14.0, \"rtt_stddev_ms\": 1.1, \"jitter_ms\": 1.5, \"packet_loss_percent\": 20.0,"
                    + " \"packets_sent\": 5, \"packets_received\": 4, \"rtts_ms\": [11.0, 12.0, null, 13.0, 14.0]}";
            case 1 -> "{\"type\": \"http\", " + common + "\"status\": \"SUCCESS\", \"latency_ms\": 85.0, \"status_code\": 200,"
                    + " \"response_size_bytes\": 1234, \"content_match\": true, \"redirects\": 1, \"dns_ms\": 2.0,"
                    + " \"connect_ms\": 10.0, \"tls_ms\": 30.0, \"first_byte_ms\": 40.0, \"transfer_ms\": 3.0,"
                    + " \"tls_version\": \"TLSv1.3\", \"cert_expiry_timestamp_seconds\": 1900000000}";
            case 2 -> "{\"type\": \"traceroute\", " + common + "\"status\": \"SUCCESS\", \"latency_ms\": 25.0,"
                    + " \"destination_reached\": true, \"hops\": [{\"ttl\": 1, \"address\": \"192.0.2.1\", \"rtts_ms\":"
                    + " [1.0, 1.2], \"loss_percent\": 0.0}, {\"ttl\": 2, \"address\": null, \"rtts_ms\": [null],"
                    + " \"loss_percent\": 100.0}]}";
            default -> "{\"type\": \"dns\", " + common + "\"status\": \"FAILURE\", \"latency_ms\": 4.0, \"query_type\": \"AAAA\","
                    + " \"resolver\": \"127.0.0.53:53\", \"answer\": [], \"rcode\": \"NXDOMAIN\"}";
        };
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * BGP updates: {@code n} records cycling through the recorded announcements and withdrawals
     * (PEER_DOWN left out: it names no prefix and is counted nowhere, so the accounting could not
     * see it), about a fifth unmodified.
     *
     * @param all what {@link #recorded(Path)} returned
     */
    static List<Item> bgp(long seed, int n, long nowMs, List<BgpUpdate> all) {
        List<BgpUpdate> recorded = all.stream().filter(u -> u.type() != BgpUpdate.Kind.PEER_DOWN).toList();
        long first = recorded.stream().mapToLong(BgpUpdate::timestampMs).min().orElseThrow();
        long last = recorded.stream().mapToLong(BgpUpdate::timestampMs).max().orElseThrow();
        double scale = Math.min(1.0, 25.0 * 60_000 / Math.max(1, last - first));
        SplittableRandom rnd = new SplittableRandom(seed);
        Mutator m = new Mutator(seed + 1, BGP_LISTS, "timestamp_ms");
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BgpUpdate u = recorded.get(i % recorded.size());
            long t = nowMs - 30 * 60_000 + (long) ((u.timestampMs() - first) * scale);
            BgpUpdate moved = new BgpUpdate(u.schemaVersion(), t, u.collector(), u.project(), u.peerIp(), u.peerAsn(),
                    u.type(), u.prefix(), u.asPath(), u.asSet(), u.originAsns(), u.nextHop(), u.communities(), u.source());
            byte[] base = PayloadSerdes.BGP_UPDATE.serialize(Topics.BGP_UPDATES, moved);
            if (rnd.nextInt(5) == 0) {
                out.add(new Item(Topics.BGP_UPDATES, u.prefix(), base, t, null));
                continue;
            }
            Mutator.Mutation mu;
            do {
                mu = m.mutate(base);
            } while (isPeerDown(mu.value()));
            out.add(new Item(Topics.BGP_UPDATES, u.prefix(), mu.value(), t, mu.kind()));
        }
        return out;
    }

    /** The bundled recording and the recordings in bgp-ingest's {@code fixtures}, as the ingester parses them. */
    static List<BgpUpdate> recorded(Path fixtures) throws Exception {
        return RecordedUpdates.load(fixtures);
    }

    /** A mutation that happens to be a valid PEER_DOWN would escape the accounting; it is drawn again. */
    private static boolean isPeerDown(byte[] value) {
        try {
            return value != null && PayloadSerdes.BGP_UPDATE.deserialize(Topics.BGP_UPDATES, value).type()
                    == BgpUpdate.Kind.PEER_DOWN;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static Map<Mutator.Kind, Integer> kinds(List<Item> items) {
        Map<Mutator.Kind, Integer> m = new EnumMap<>(Mutator.Kind.class);
        items.stream().filter(i -> i.kind() != null).forEach(i -> m.merge(i.kind(), 1, Integer::sum));
        return m;
    }
}

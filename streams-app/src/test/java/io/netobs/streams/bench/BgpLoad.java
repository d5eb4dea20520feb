package io.netobs.streams.bench;

import io.netobs.schema.BgpUpdate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The BGP benchmark's input: N updates keyed by prefix over M monitored /22s (each with its own
 * expected origin and a VRP for it up to /24) seen by P peers on five collectors: 70% on the
 * monitored prefix itself, 30% on one of its two /23s or four /24s; 10% withdrawals; 1% of
 * announcements by one wrong origin per prefix, so ORIGIN_HIJACK and RPKI_INVALID events open when
 * two peers carry it and close when the last one moves back.
 */
final class BgpLoad {
    private BgpLoad() {
    }

    /** The monitored set: /22s with one expected origin each, in BGPalerter's layout. */
    static String yaml(int prefixes) {
        StringBuilder y = new StringBuilder();
        for (int i = 0; i < prefixes; i++) {
            y.append(monitored(i)).append(":\n  description: bench ").append(i).append("\n  asn: ").append(origin(i))
                    .append("\n  ignoreMorespecifics: false\n  group: bench-").append(i % 10).append('\n');
        }
        return y.append("options:\n  minPeers: 2\n  maxMoreSpecifics: 256\n").toString();
    }

    static String monitored(int i) {
        return "44." + (i >> 6) + "." + ((i & 63) << 2) + ".0/22";
    }

    static long origin(int i) {
        return 200_000L + i;
    }

    /** Sub-prefix {@code s} of monitored prefix {@code i}: 0 the /22, 1-2 its /23s, 3-6 its /24s. */
    static String subPrefix(int i, int s) {
        String a = "44." + (i >> 6) + ".";
        int third = (i & 63) << 2;
        if (s == 0) {
            return monitored(i);
        }
        return s <= 2 ? a + (third + 2 * (s - 1)) + ".0/23" : a + (third + s - 3) + ".0/24";
    }

    static void load(Properties client, int n, int prefixes, int peers) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        SplittableRandom rnd = new SplittableRandom(42);
        // Recent BGP times, in order, never in the future (the broker refuses those) and well inside
        // the topic's retention (older segments would be deleted under the benchmark).
        long step = Math.max(1, 6_000_000L / n);
        long t0 = System.currentTimeMillis() - 7_200_000L;
        try (KafkaProducer<String, BgpUpdate> producer = new KafkaProducer<>(p, new StringSerializer(),
                PayloadSerdes.BGP_UPDATE.serializer())) {
            for (int k = 0; k < n; k++) {
                int i = rnd.nextInt(prefixes);
                int peer = rnd.nextInt(peers);
                String prefix = subPrefix(i, rnd.nextInt(10) < 7 ? 0 : 1 + rnd.nextInt(6));
                long t = t0 + k * step;
                long peerAsn = 64_512L + peer;
                String peerIp = "198.51.100." + (peer + 1);
                String collector = "rrc0" + (peer % 5);
                BgpUpdate u;
                if (rnd.nextInt(10) == 0) {
                    u = new BgpUpdate(1, t, collector, "ris", peerIp, peerAsn, BgpUpdate.Kind.WITHDRAW, prefix,
                            List.of(), null, List.of(), null, List.of(), "ris-live");
                } else {
                    long origin = rnd.nextInt(100) == 0 ? 64_496L + i % 16 : origin(i);
                    long upstream = peer % 2 == 0 ? 3356L : 174L;
                    u = new BgpUpdate(1, t, collector, "ris", peerIp, peerAsn, BgpUpdate.Kind.ANNOUNCE, prefix,
                            List.of(peerAsn, upstream, origin), null, List.of(origin), peerIp,
                            List.of(peerAsn + ":100"), "ris-live");
                }
                producer.send(new ProducerRecord<>(Topics.BGP_UPDATES, null, t, prefix, u));
            }
            producer.flush();
        }
    }

}

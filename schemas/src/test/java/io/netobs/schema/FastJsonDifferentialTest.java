package io.netobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast decoder and encoder against Jackson, on the shapes agents and the seed write and on
 * thousands of mutations of them: the fast decoder either declines a document or yields exactly
 * Jackson's record, and the encoder yields exactly Jackson's bytes.
 */
class FastJsonDifferentialTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00.123456Z");

    /** Documents as the seed's Python canaries and netobs' agent write them. */
    static List<String> corpus() {
        List<String> docs = new ArrayList<>(List.of(
                "{\"type\": \"ping\", \"canary_id\": \"ping-1\", \"target\": \"8.8.8.8\", \"timestamp\": "
                        + "\"2025-04-01T12:00:00.123456+00:00\", \"status\": \"SUCCESS\", \"rtt_avg_ms\": 11.0, "
                        + "\"packet_loss_percent\": 0.0, \"error_message\": null}",
                "{\"type\": \"dns\", \"canary_id\": \"dns-1\", \"target\": \"example.com\", \"timestamp\": "
                        + "\"2025-04-01T12:00:00+00:00\", \"status\": \"FAILURE\", \"latency_ms\": 4, \"query_type\": "
                        + "\"A\", \"resolver\": \"System Default\", \"answer\": null, \"error_message\": "
                        + "\"NXDOMAIN (Domain \\\"does\\\" not exist)\\n\"}",
                "{\"type\": \"http\", \"canary_id\": \"http-1\", \"target\": \"https://x.example/a?b=c\", "
                        + "\"timestamp\": \"2025-04-01T12:00:00Z\", \"status\": \"SUCCESS\", \"latency_ms\": 120.5, "
                        + "\"status_code\": 200, \"response_size_bytes\": 1256, \"content_match\": true, "
                        + "\"error_message\": null, \"unknown_extra\": 3}",
                "{}"));
        CanaryResult full = CanaryResult.builder("traceroute", "c", "t", T0, Status.FAILURE).pop("lhr")
                .labels(Map.of("rack", "r1")).latencyMs(12.0).errorMessage("tab\there").rttAvgMs(1.0).rttMinMs(0.5)
                .rttMaxMs(2.0).rttStddevMs(0.1).jitterMs(0.2).packetLossPercent(25.0).packetsSent(4).packetsReceived(3)
                .rttsMs(Arrays.asList(1.0, null, 2.0)).queryType("AAAA").resolver("[::1]:53")
                .answer(Arrays.asList("a", null)).rcode("NOERROR").statusCode(204).responseSizeBytes(0L)
                .contentMatch(Boolean.FALSE).redirects(2).dnsMs(0.1).connectMs(0.2).tlsMs(0.3).firstByteMs(0.4)
                .transferMs(1e-7).tlsVersion("TLSv1.3").certExpiryTimestampSeconds(1_800_000_000L).httpVersion("HTTP/2")
                .port(443).hops(List.of(new CanaryResult.Hop(1, "192.0.2.1", Arrays.asList(1.0, null), 50.0),
                        new CanaryResult.Hop(2, null, null, null))).destinationReached(Boolean.TRUE).build();
        docs.add(json(full));
        return docs;
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jackson's verdict: the validated record, or "error". */
    private static Object jackson(byte[] doc, Class<? extends Validatable> type) {
        try {
            Validatable r = Json.MAPPER.readValue(doc, type);
            if (r != null) {
                r.validate();
            }
            return r;
        } catch (Exception e) {
            return "error";
        }
    }

    /** The fast record after validation, as the serde returns it, or "error". */
    private static Object validated(Validatable r) {
        try {
            r.validate();
            return r;
        } catch (InvalidRecordException e) {
            return "error";
        }
    }

    @Test
    void shouldReadEveryPlainShapeFastAndExactlyAsJackson() {
        for (String doc : corpus()) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            CanaryResult fast = CanaryResultJson.read(bytes);
            assertThat(fast).as("fast path taken for " + doc).isNotNull();
            assertThat(validated(fast)).isEqualTo(jackson(bytes, CanaryResult.class));
        }
    }

    @Test
    void shouldDeclineOrAgreeWithJacksonOnTenThousandMutations() {
        Random rnd = new Random(20261130);
        List<String> corpus = corpus();
        String[] pieces = {"\"", "\\", "\\u0041", "null", "1e999", "-0", "01", "1.5", "\"12\"", "[", "]", "{", "}",
            ",", ":", "true", "\"NaN\"", "\u00e9", "\u0001", " ", "-", "9223372036854775808", "2147483648"};
        int fast = 0;
        int total = 0;
        for (int i = 0; i < 10_000; i++) {
            String doc = corpus.get(rnd.nextInt(corpus.size()));
            StringBuilder sb = new StringBuilder(doc);
            for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                int at = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, pieces[rnd.nextInt(pieces.length)]);
                    case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(4)));
                    default -> sb.replace(at, Math.min(sb.length(), at + 1), pieces[rnd.nextInt(pieces.length)]);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            CanaryResult r;
            try {
                r = CanaryResultJson.read(bytes);
            } catch (RuntimeException e) {
                throw new AssertionError("the fast decoder threw instead of declining: " + sb, e);
            }
            total++;
            if (r == null) {
                continue;
            }
            fast++;
            assertThat(validated(r)).as(sb.toString()).isEqualTo(jackson(bytes, CanaryResult.class));
        }
        assertThat(fast).as("mutations the fast path still read, of " + total).isGreaterThan(500);
    }

    @Test
    void shouldWriteAggregatesExactlyAsJackson() {
        Random rnd = new Random(7);
        String[] names = {"8.8.8.8", "https://x.example/\"q\"?a=\\b", "caf\u00e9.example", "tab\there\u0001", ""};
        for (int i = 0; i < 2_000; i++) {
            Map<String, Long> counts = rnd.nextInt(5) == 0 ? null : new LinkedHashMap<>();
            if (counts != null) {
                for (Status s : Status.values()) {
                    if (rnd.nextBoolean()) {
                        counts.put(s.name(), (long) rnd.nextInt(1000));
                    }
                }
            }
            CanaryAggregate a = new CanaryAggregate(rnd.nextBoolean() ? 1 : null, names[rnd.nextInt(names.length)],
                    rnd.nextBoolean() ? "ping" : null, rnd.nextBoolean() ? "pop-" + i : null, rnd.nextLong(),
                    rnd.nextLong(), rnd.nextInt(100), counts, rnd.nextDouble(), rnd.nextInt(50), d(rnd), d(rnd), d(rnd),
                    d(rnd), d(rnd), d(rnd), d(rnd), d(rnd));
            assertThat(new String(CanaryAggregateJson.write(a), StandardCharsets.UTF_8)).isEqualTo(json(a));
        }
    }

    private static Double d(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> null;
            case 1 -> rnd.nextDouble() * 1e-6;
            case 2 -> rnd.nextDouble() * 1e12;
            case 3 -> (double) rnd.nextInt(100);
            default -> rnd.nextDouble() * 100;
        };
    }

    /** BGP updates as the ingester writes them: announcements, withdrawals, peer-downs, AS_SETs. */
    static List<String> bgpCorpus() {
        List<String> docs = new ArrayList<>();
        docs.add(json(new BgpUpdate(1, 1_700_000_000_123L, "rrc00", "ris", "192.0.2.1", 64500, BgpUpdate.Kind.ANNOUNCE,
                "84.205.64.0/24", List.of(64500L, 3356L, 12654L), null, List.of(12654L), "192.0.2.1",
                List.of("64500:100", "3356:2"), "ris-live")));
        docs.add(json(new BgpUpdate(1, 1_700_000_000_124L, "route-views.jinx", "routeviews", "2001:db8::1", 4_200_000_000L,
                BgpUpdate.Kind.WITHDRAW, "2001:7fb:fe00::/48", List.of(), null, List.of(), null, List.of(), "mrt")));
        docs.add(json(new BgpUpdate(1, 1_700_000_000_125L, "rrc06", "ris", "192.0.2.9", 64501, BgpUpdate.Kind.PEER_DOWN,
                null, null, null, null, null, null, "ris-live")));
        docs.add(json(new BgpUpdate(null, 5L, "rrc00", "ris", "192.0.2.1", 1, BgpUpdate.Kind.ANNOUNCE, "10.0.0.0/8",
                List.of(1L, 2L), List.of(13340L, 13341L), List.of(13340L, 13341L), null, null, "test")));
        return docs;
    }

    @Test
    void shouldReadBgpUpdatesFastAndExactlyAsJacksonIncludingMutations() {
        for (String doc : bgpCorpus()) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            BgpUpdate fast = BgpUpdateJson.read(bytes);
            assertThat(fast).as("fast path taken for " + doc).isNotNull();
            assertThat(validated(fast)).isEqualTo(jackson(bytes, BgpUpdate.class));
        }
        Random rnd = new Random(42);
        String[] pieces = {"\"", "null", "1e3", "-1", "4294967296", "[", "]", "{", "}", ",", ":", "\"ANNOUNCE\"",
            "\"announce\"", "0", "1.5", " ", "[null]"};
        List<String> corpus = bgpCorpus();
        int fast = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder sb = new StringBuilder(corpus.get(rnd.nextInt(corpus.size())));
            for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                int at = rnd.nextInt(sb.length() + 1);
                switch (rnd.nextInt(3)) {
                    case 0 -> sb.insert(at, pieces[rnd.nextInt(pieces.length)]);
                    case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + rnd.nextInt(4)));
                    default -> sb.replace(at, Math.min(sb.length(), at + 1), pieces[rnd.nextInt(pieces.length)]);
                }
            }
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            BgpUpdate u = BgpUpdateJson.read(bytes);
            if (u != null) {
                fast++;
                assertThat(validated(u)).as(sb.toString()).isEqualTo(jackson(bytes, BgpUpdate.class));
            }
        }
        assertThat(fast).as("mutations the fast path still read").isGreaterThan(250);
    }
}

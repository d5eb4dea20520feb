package io.netobs.bgp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.schema.BgpUpdate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTest {

    /** Keeps what it is given, for assertions. */
    static class Collecting implements RecordSink {
        final List<BgpUpdate> published = new ArrayList<>();
        final List<String> deadLetters = new ArrayList<>();

        @Override
        public void publish(BgpUpdate update) {
            published.add(update);
        }

        @Override
        public void deadLetter(byte[] raw, String sourceTopic, long offset, String reason) {
            deadLetters.add(sourceTopic + "#" + offset + " " + reason);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldTellCollectorAndProjectFromArchiveNames() {
        assertThat(Replayer.Origin.fromFileName("libbgpstream_ris.rrc06.updates.1427846400.gz"))
                .isEqualTo(new Replayer.Origin("rrc06", "ris"));
        assertThat(Replayer.Origin.fromFileName("updates.20240101.0000.gz")).isNull();
        assertThat(Replayer.Origin.fromFileName("libbgpstream_routeviews.route-views.jinx.updates.1427846400.bz2"))
                .isEqualTo(new Replayer.Origin("route-views.jinx", "routeviews"));
        assertThat(Replayer.Origin.fromFileName("route-views2.updates.1427846400.bz2"))
                .isEqualTo(new Replayer.Origin("route-views2", "routeviews"));
        // The archives' own layout keeps the collector in the directory, not the file name.
        assertThat(Replayer.Origin.fromFileName("/data/rrc06/2015.04/updates.20150401.0000.gz"))
                .isEqualTo(new Replayer.Origin("rrc06", "ris"));
        assertThat(Replayer.Origin.fromFileName("/data/route-views.jinx/bgpdata/2015.04/UPDATES/updates.20150401.0000.bz2"))
                .isEqualTo(new Replayer.Origin("route-views.jinx", "routeviews"));
    }

    @Test
    void shouldReplayMrtAndNdjsonThroughTheSameRouter() throws Exception {
        Collecting sink = new Collecting();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry, () -> 0L);
        Replayer replayer = new Replayer(new FrameRouter(sink, metrics));
        long frames = replayer.replay(Fixtures.name(Fixtures.RRC06), Fixtures.open(Fixtures.RRC06), null, Pacer.ASAP);
        assertThat(frames).isEqualTo(795);
        assertThat(sink.published).hasSize(1561).allSatisfy(u -> assertThat(u.collector()).isEqualTo("rrc06"));
        assertThat(metrics.framesPublished() + metrics.framesIgnored()).isEqualTo(795);

        long lines = replayer.replay("stream.json", Fixtures.open(Fixtures.LIBBGPSTREAM), null, Pacer.ASAP);
        assertThat(lines).isEqualTo(7);
        assertThat(sink.published.get(1561).source()).isEqualTo("ris-live-replay");
        assertThat(sink.deadLetters).containsExactly("stream.json#7 not_json: " + sink.deadLetters.get(0).split(": ", 2)[1]);
        assertThat(registry.scrape()).contains("netobs_bgp_ingest_ris_errors_total 1.0\n");
    }

    @Test
    void shouldPaceWithCappedGapsAndStampSendTime() throws Exception {
        AtomicLong clock = new AtomicLong(1_000);
        Pacer.Paced pacer = new Pacer.Paced(2.0, 5_000, clock::get, new CountDownLatch(1));
        pacer.restart();
        assertThat(pacer.await(1_553_000_000_000L)).isEqualTo(1_000);
        clock.set(Long.MAX_VALUE / 2); // "later": no waiting, only the mapping is checked
        assertThat(pacer.await(1_553_000_001_000L)).as("1 s gap at speed 2").isEqualTo(1_500);
        assertThat(pacer.await(1_740_000_000_000L)).as("years-long gap capped at 5 s, at speed 2").isEqualTo(4_000);
        assertThat(pacer.await(1_700_000_000_000L)).as("time going backwards does not rewind").isEqualTo(4_000);
    }

    @Test
    void shouldListTheBundledRecordingInOrder() {
        List<ReplayLoop.Recording> recs = ReplayLoop.fromEnv(Map.of());
        assertThat(recs).extracting(ReplayLoop.Recording::name).containsExactly(
                "morrowc-rislive_1-msg.ndjson", "morrowc-rislive_fail-as-set.ndjson", "bgpkit-parser_rislive_messages.ndjson",
                "libbgpstream_ris.rrc06.updates.1427846400.gz",
                "libbgpstream_routeviews.route-views.jinx.updates.1427846400.bz2");
    }

    @Test
    void shouldPrintCountsInDryRun(@TempDir Path dir) throws Exception {
        Path jinx = dir.resolve(Fixtures.name(Fixtures.JINX));
        Files.copy(Fixtures.open(Fixtures.JINX), jinx);
        Path local = dir.resolve("local_only_updates.bz2");
        Files.copy(Fixtures.open(Fixtures.LOCAL_ONLY), local);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int rc = ReplayCli.run(new String[] {"--dry-run", jinx.toString()}, Map.of(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains(": 1756 frames, 8611 records");

        buf.reset();
        assertThat(ReplayCli.run(new String[] {"--dry-run", local.toString()}, Map.of(), new PrintStream(buf, true, StandardCharsets.UTF_8)))
                .as("no collector in the name and none given").isEqualTo(2);
        buf.reset();
        rc = ReplayCli.run(new String[] {"--dry-run", "--collector", "rrc00.ripe.net", "--project", "ris", local.toString()}, Map.of(),
                new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains(": 85 frames, 268 records");
    }
}

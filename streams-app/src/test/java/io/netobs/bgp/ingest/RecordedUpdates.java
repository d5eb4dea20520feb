package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Real BGP updates as the ingester turns recordings into bgp-updates records: the bundled offline
 * recording and bgp-ingest's test fixtures, run through the ingester's own {@link Replayer} and
 * {@link FrameRouter} into a sink that keeps the updates. (In this package because those classes are
 * the ingester's internals; the streams app's fault tests use only {@link #load(Path)}.)
 */
public final class RecordedUpdates {
    private RecordedUpdates() {
    }

    /**
     * Every update of the bundled recording and of the recordings in {@code fixtures} (a directory
     * of .json/.ndjson RIS Live captures and .bz2/.gz MRT archives), in file order.
     */
    public static List<BgpUpdate> load(Path fixtures) throws IOException, InterruptedException {
        List<BgpUpdate> out = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void publish(BgpUpdate update) {
                out.add(update);
            }

            @Override
            public void deadLetter(byte[] raw, String sourceTopic, long offset, String reason) {
                // A frame the ingester refuses never becomes a bgp-updates record.
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Replayer replayer = new Replayer(new FrameRouter(sink, new IngestMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), System::currentTimeMillis)));
        for (ReplayLoop.Recording r : ReplayLoop.fromEnv(Map.of())) {
            try (InputStream in = r.opener().open()) {
                replayer.replay(r.name(), in, null, Pacer.ASAP);
            }
        }
        if (fixtures != null && Files.isDirectory(fixtures)) {
            try (var files = Files.list(fixtures)) {
                for (Path f : files.filter(p -> p.toString().matches(".*\\.(json|ndjson|bz2|gz)$")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(f)) {
                        // A fixture whose name names no collector is skipped by the MRT path; NDJSON needs none.
                        replayer.replay(f.getFileName().toString(), in, new Replayer.Origin("rrc00", Canon.RIS), Pacer.ASAP);
                    }
                }
            }
        }
        return out;
    }
}

package io.netobs.bgp.ingest;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netobs.schema.KafkaSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code IngestMain replay [--dry-run] [--collector NAME --project ris|routeviews] FILE...}: publishes
 * MRT update archives (gzip, bzip2 or plain) and RIS Live NDJSON recordings once, as fast as Kafka
 * takes them, keeping the recorded BGP times, so an incident can be replayed through the topology.
 * {@code --dry-run} only parses and prints the counts.
 */
final class ReplayCli {
    private ReplayCli() {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out) throws Exception {
        boolean dryRun = false;
        String collector = null;
        String project = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--collector" -> collector = ++i < args.length ? args[i] : null;
                case "--project" -> project = ++i < args.length ? args[i] : null;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty() || (collector == null) != (project == null)
                || project != null && !project.equals(Canon.RIS) && !project.equals(Canon.ROUTEVIEWS)) {
            out.println("usage: IngestMain replay [--dry-run] [--collector NAME --project ris|routeviews] FILE...");
            return 2;
        }
        Replayer.Origin origin = collector == null ? null : new Replayer.Origin(Canon.collector(collector), project);
        // Nothing serves this registry: the command prints its counts when done.
        IngestMetrics metrics = new IngestMetrics(new SimpleMeterRegistry(), System::currentTimeMillis);
        try (RecordSink sink = dryRun ? new RecordSink.Counting() : new KafkaPublisher(KafkaSettings.fromEnv(env), metrics)) {
            Replayer replayer = new Replayer(new FrameRouter(sink, metrics));
            for (Path f : files) {
                long before = metrics.recordsPublished();
                long beforeRecs = sink instanceof RecordSink.Counting c ? c.published : 0;
                long frames;
                try (InputStream in = Files.newInputStream(f)) {
                    // Archives keep the collector in the directory (data.ris.ripe.net/rrc06/2015.04/updates...), so look at the whole path.
                    Replayer.Origin o = origin != null ? origin : Replayer.Origin.fromFileName(f.toAbsolutePath().toString());
                    frames = replayer.replay(f.getFileName().toString(), in, o, Pacer.ASAP);
                } catch (IllegalArgumentException e) {
                    out.println("error: " + e.getMessage());
                    return 2;
                }
                long records = sink instanceof RecordSink.Counting c ? c.published - beforeRecs : metrics.recordsPublished() - before;
                out.printf("%s: %d frames, %d records%n", f, frames, records);
            }
            sink.flush();
        }
        out.printf("total: frames published=%d dead_letter=%d ignored=%d; publish errors=%d%n",
                metrics.framesPublished(), metrics.framesDeadLetter(), metrics.framesIgnored(), metrics.publishErrors());
        return metrics.publishErrors() == 0 ? 0 : 1;
    }
}

package io.netobs.streams.path;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The path families as /metrics serves them (Prometheus text format), and single samples of it. */
final class PathScrape {
    final String text;

    PathScrape(PathDriver d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, new PathMetrics(d.stores()).collect(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text = out.toString(StandardCharsets.UTF_8);
    }

    /** The sample of {@code family} with exactly these labels (name, value pairs), null when absent. */
    Double value(String family, String... labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=\"" + v + "\""));
        String prefix = family + "{" + String.join(",", pairs) + "} ";
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(prefix.length()))).orElse(null);
    }

    /** A sample of a series of the traceroute canary to the driver's target. */
    Double series(String family, String canary, String... more) {
        String[] labels = new String[4 + more.length];
        labels[0] = "target";
        labels[1] = PathDriver.TARGET;
        labels[2] = "canary_id";
        labels[3] = canary;
        System.arraycopy(more, 0, labels, 4, more.length);
        return value(family, labels);
    }
}

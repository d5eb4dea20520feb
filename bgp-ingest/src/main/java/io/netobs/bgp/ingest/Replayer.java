package io.netobs.bgp.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays one recording, MRT (RFC 6396, as the RIS and RouteViews archives publish it) or a RIS
 * Live NDJSON capture, through the same {@link FrameRouter} the live client uses.
 */
final class Replayer {
    static final String SOURCE_MRT = "mrt";
    static final String SOURCE_NDJSON = "ris-live-replay";

    private static final Pattern RIS = Pattern.compile("(rrc\\d{2})");
    private static final Pattern ROUTEVIEWS = Pattern.compile("(route-views[a-z0-9.\\-]*?)(?:\\.(?:updates|bview|rib)|$|[^a-z0-9.\\-])");

    /** Collector and project of an archive, from names like {@code updates.rrc06...} or {@code route-views.jinx.updates...}. */
    record Origin(String collector, String project) {
        static Origin fromFileName(String name) {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            Matcher m = RIS.matcher(n);
            if (m.find()) {
                return new Origin(m.group(1), Canon.RIS);
            }
            m = ROUTEVIEWS.matcher(n);
            if (m.find()) {
                return new Origin(m.group(1), Canon.ROUTEVIEWS);
            }
            return null;
        }
    }

    private final FrameRouter router;
    private final RisLiveParser ndjson = new RisLiveParser(SOURCE_NDJSON);

    Replayer(FrameRouter router) {
        this.router = router;
    }

    /**
     * @param name   file name: the dead-letter source and, for MRT, where collector/project come from
     * @param origin collector/project for MRT, or null to derive them from {@code name}
     * @return frames read
     */
    long replay(String name, InputStream raw, Origin origin, Pacer pacer) throws IOException, InterruptedException {
        InputStream in = Archives.decompress(raw);
        pacer.restart();
        if (Archives.looksLikeJson(in)) {
            return replayNdjson(name, in, pacer);
        }
        Origin o = origin != null ? origin : Origin.fromFileName(name);
        if (o == null) {
            throw new IllegalArgumentException(name + ": cannot tell the collector from the file name; pass --collector and --project");
        }
        return replayMrt(name, in, o, pacer);
    }

    private long replayNdjson(String name, InputStream in, Pacer pacer) throws IOException, InterruptedException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long line = 0;
        long frames = 0;
        String text;
        while ((text = r.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            frames++;
            String frame = text;
            route(ndjson.parse(frame), () -> frame.getBytes(StandardCharsets.UTF_8), name, line, pacer);
        }
        return frames;
    }

    private long replayMrt(String name, InputStream in, Origin o, Pacer pacer) throws IOException, InterruptedException {
        MrtDecoder decoder = new MrtDecoder(o.collector(), o.project(), SOURCE_MRT);
        long frames = 0;
        try (MrtReader reader = new MrtReader(in)) {
            MrtReader.Record rec;
            while ((rec = reader.next()) != null) {
                frames++;
                MrtReader.Record r = rec;
                route(decoder.decode(r), r::raw, name, r.index(), pacer);
            }
        }
        return frames;
    }

    private void route(ParseResult result, java.util.function.Supplier<byte[]> raw, String name, long offset, Pacer pacer)
            throws InterruptedException {
        long eventMs = result instanceof ParseResult.Updates u ? u.eventTimeMs()
                : result instanceof ParseResult.Ignored i && i.collector() != null ? i.eventTimeMs() : Long.MIN_VALUE;
        long shift = eventMs == Long.MIN_VALUE ? 0 : pacer.await(eventMs) - eventMs;
        router.route(result, raw, name, offset, shift == 0 ? t -> t : t -> t + shift);
    }
}

package io.netobs.bgp.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fixture files on the test classpath: {@code fixtures/...} and the bundled recording {@code netobs/replay/...}. */
final class Fixtures {
    static final String LIBBGPSTREAM = "fixtures/libbgpstream_ris-live-stream.json";
    static final String NEGATIVE = "fixtures/bgpkit-parser_rislive_negative_cases.ndjson";
    static final String LOCAL_ONLY = "fixtures/bgpkit-parser_local_only_updates.bz2";
    static final String MORROWC_1 = "netobs/replay/morrowc-rislive_1-msg.ndjson";
    static final String MORROWC_AS_SET = "netobs/replay/morrowc-rislive_fail-as-set.ndjson";
    static final String BGPKIT = "netobs/replay/bgpkit-parser_rislive_messages.ndjson";
    static final String RRC06 = "netobs/replay/libbgpstream_ris.rrc06.updates.1427846400.gz";
    static final String JINX = "netobs/replay/libbgpstream_routeviews.route-views.jinx.updates.1427846400.bz2";

    private Fixtures() {
    }

    static InputStream open(String resource) {
        InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }

    /** The file's lines, blank ones dropped (the NDJSON files end with a newline). */
    static List<String> lines(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }
}

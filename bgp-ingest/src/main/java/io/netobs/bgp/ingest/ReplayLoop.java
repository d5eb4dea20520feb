package io.netobs.bgp.ingest;

import io.netobs.schema.Env;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline mode ({@code NETOBS_BGP_SOURCE=replay}): plays recordings in a loop at their own pace,
 * stamped with the current time, so a machine without internet still sees the BGP series move.
 * Default recording: the one bundled from {@code infra/config/replay/} (listed in its files.txt).
 */
final class ReplayLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayLoop.class);
    static final String BUNDLE = "netobs/replay/";

    /** A recording: a name (dead-letter source, collector) and a way to open it again each loop. */
    record Recording(String name, Opener opener) {
        interface Opener {
            InputStream open() throws IOException;
        }
    }

    private final List<Recording> recordings;
    private final Replayer replayer;
    private final Pacer pacer;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile long loops;

    ReplayLoop(List<Recording> recordings, FrameRouter router, double speed, long maxGapMs) {
        if (recordings.isEmpty()) {
            throw new IllegalArgumentException("no recordings to replay");
        }
        this.recordings = recordings;
        this.replayer = new Replayer(router);
        this.pacer = new Pacer.Paced(speed, maxGapMs, System::currentTimeMillis, stop);
        this.thread = new Thread(this::run, "bgp-ingest-replay");
        thread.setDaemon(true);
    }

    /** NETOBS_BGP_REPLAY_FILES (comma-separated paths) or the bundled recording. */
    static List<Recording> fromEnv(Map<String, String> env) {
        String files = new Env(env).string("NETOBS_BGP_REPLAY_FILES", null);
        List<Recording> out = new ArrayList<>();
        if (files != null) {
            for (String f : files.split(",")) {
                Path p = Path.of(f.trim());
                if (!Files.isReadable(p)) {
                    throw new IllegalArgumentException("NETOBS_BGP_REPLAY_FILES: cannot read " + p);
                }
                out.add(new Recording(p.getFileName().toString(), () -> Files.newInputStream(p)));
            }
            return out;
        }
        ClassLoader cl = ReplayLoop.class.getClassLoader();
        try (InputStream index = cl.getResourceAsStream(BUNDLE + "files.txt")) {
            if (index == null) {
                throw new IllegalStateException("the bundled recording is missing from the classpath (" + BUNDLE + "files.txt)");
            }
            for (String line : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                out.add(new Recording(name, () -> {
                    InputStream in = cl.getResourceAsStream(BUNDLE + name);
                    if (in == null) {
                        throw new IOException("bundled recording " + name + " is missing");
                    }
                    return in;
                }));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    void start() {
        thread.start();
    }

    boolean alive() {
        return thread.isAlive();
    }

    long loops() {
        return loops;
    }

    private void run() {
        try {
            while (stop.getCount() > 0) {
                long started = System.currentTimeMillis();
                for (Recording r : recordings) {
                    try (InputStream in = r.opener().open()) {
                        long frames = replayer.replay(r.name(), in, null, pacer);
                        LOG.debug("replayed {} frames of {}", frames, r.name());
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("replay of {} failed, continuing with the next recording: {}", r.name(), e.toString());
                    }
                }
                loops++;
                // A loop of unreadable or untimed recordings must not spin a core.
                long rest = 1_000 - (System.currentTimeMillis() - started);
                if (rest > 0 && stop.await(rest, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() asked us to stop mid-recording
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.countDown();
        thread.join(5_000);
    }
}

package io.netobs.streams.bgp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link VrpSet} from a VRP JSON file ({@code NETOBS_RPKI_VRP_FILE}), reloaded when the
 * file changes. Validators (rpki-client, Routinator) rewrite the file every few minutes; a poll of
 * its modification time and size is enough and needs no file-system watcher. A reload that fails
 * (half-written file, wrong layout) keeps the previous set and logs, so a bad write never turns every
 * route "not-found".
 */
public final class Rpki implements Supplier<VrpSet>, AutoCloseable {
    public static final String ENV_FILE = "NETOBS_RPKI_VRP_FILE";
    public static final String ENV_RELOAD_SECONDS = "NETOBS_RPKI_RELOAD_SECONDS";
    public static final Duration DEFAULT_RELOAD = Duration.ofSeconds(60);

    private static final Logger LOG = LoggerFactory.getLogger(Rpki.class);

    private final Path file;
    private final AtomicReference<VrpSet> current = new AtomicReference<>();
    private volatile Stamp loadedStamp;
    private volatile Stamp failedStamp;
    private ScheduledExecutorService poller;

    private record Stamp(FileTime modified, long size) {
    }

    /** Loads the file now; a file that cannot be read at start-up is an error, not an empty set. */
    public Rpki(Path file) throws IOException {
        this.file = Objects.requireNonNull(file);
        Stamp stamp = stamp();
        VrpSet set = VrpSet.load(file);
        current.set(set);
        loadedStamp = stamp;
        LOG.info("loaded {} VRPs from {} ({} entries skipped)", set.size(), file, set.skipped());
    }

    /** Empty when {@code NETOBS_RPKI_VRP_FILE} is unset; then no route gets an RPKI state. */
    public static Optional<Rpki> fromEnv(Map<String, String> env) throws IOException {
        String path = env.get(ENV_FILE);
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        Rpki rpki = new Rpki(Path.of(path.trim()));
        String s = env.get(ENV_RELOAD_SECONDS);
        Duration every = s == null || s.isBlank() ? DEFAULT_RELOAD : Duration.ofSeconds(Long.parseLong(s.trim()));
        rpki.startPolling(every);
        return Optional.of(rpki);
    }

    @Override
    public VrpSet get() {
        return current.get();
    }

    /**
     * Reloads when the file's modification time or size changed since the last attempt.
     *
     * @return true when a new set was swapped in
     */
    public boolean reloadIfChanged() {
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            LOG.warn("cannot stat VRP file {}: {}; keeping {} VRPs", file, e.toString(), current.get().size());
            return false;
        }
        if (stamp.equals(loadedStamp) || stamp.equals(failedStamp)) {
            return false;
        }
        try {
            VrpSet set = VrpSet.load(file);
            current.set(set);
            loadedStamp = stamp;
            failedStamp = null;
            LOG.info("reloaded {} VRPs from {} ({} entries skipped)", set.size(), file, set.skipped());
            return true;
        } catch (IOException | RuntimeException e) {
            // Remember the failed version so a broken file is logged once, not every poll.
            failedStamp = stamp;
            LOG.warn("cannot reload VRP file {}: {}; keeping the previous {} VRPs", file, e.toString(), current.get().size());
            return false;
        }
    }

    public synchronized void startPolling(Duration every) {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "netobs-rpki-reload");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::reloadIfChanged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Stamp stamp() throws IOException {
        return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}

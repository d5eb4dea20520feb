package io.netobs.streams.fault;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What systemd or Kubernetes does for the streams app: when the process exits, start it again with
 * the same settings, and remember how it ended. A test that causes a fault uses it to tell "the app
 * recovered by itself" from "the app exited (status {@code 70} when its client failed) and was
 * restarted".
 */
final class Supervisor implements AutoCloseable {
    private final Thread thread;
    private final List<Integer> exits = new ArrayList<>();
    private volatile StreamsProcess current;
    private volatile boolean running = true;
    private volatile IOException restartFailure;

    Supervisor(StreamsProcess first) {
        this.current = first;
        this.thread = new Thread(this::watch, "supervisor-" + first.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        int generation = 1;
        try {
            while (running) {
                StreamsProcess p = current;
                if (!p.isAlive()) {
                    synchronized (exits) {
                        exits.add(p.process().exitValue());
                    }
                    current = p.restart(p.name() + "-restart-" + generation++);
                }
                Thread.sleep(100); // how often a supervisor looks, not a wait for a result
            }
        } catch (IOException e) {
            restartFailure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    StreamsProcess current() {
        if (restartFailure != null) {
            throw new IllegalStateException("the supervisor could not restart the app", restartFailure);
        }
        return current;
    }

    /** Exit statuses of the processes that ended, in order. */
    List<Integer> exits() {
        synchronized (exits) {
            return List.copyOf(exits);
        }
    }

    /** Stops watching (more than once is harmless); the current process is left to the caller. */
    void stopWatching() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops watching and kills the current process if it still runs (cleanup after a failed test). */
    @Override
    public void close() {
        stopWatching();
        current.close();
    }
}

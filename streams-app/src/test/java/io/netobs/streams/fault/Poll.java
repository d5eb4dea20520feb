package io.netobs.streams.fault;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls with a deadline: the only way these tests wait for a result. */
final class Poll {
    /** Something to ask again; may fail (connection refused while a process starts). */
    interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    /**
     * Asks {@code probe} every {@code everyMs} until {@code ok} holds and returns that answer; fails
     * after {@code timeout} with {@code what} and the last answer or failure.
     */
    static <T> T until(String what, Duration timeout, long everyMs, Probe<T> probe, Predicate<T> ok)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = "(nothing yet)";
        while (true) {
            try {
                T v = probe.get();
                if (v != null && ok.test(v)) {
                    return v;
                }
                last = v;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                String shown = String.valueOf(last);
                throw new AssertionError("not within " + timeout + ": " + what + "; last answer: "
                        + shown.substring(0, Math.min(shown.length(), 3000)));
            }
            Thread.sleep(everyMs); // the poll interval, not a wait for a result
        }
    }
}

package io.netobs.infra.alerting;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition with a deadline: results are waited for, never slept for. */
final class Poll {
    private static final long INTERVAL_MS = 500;

    private Poll() {
    }

    /**
     * The first value of {@code read} that {@code accept} takes; at the deadline an AssertionError with the last value.
     * An exception from {@code read} (a server not answering yet) counts as a miss.
     */
    static <T> T until(Duration within, String what, Supplier<T> read, Predicate<T> accept) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Object last = null;
        while (true) {
            try {
                T value = read.get();
                if (accept.test(value)) {
                    return value;
                }
                last = value;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + ": " + what + "; last seen: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(INTERVAL_MS); // poll interval
        }
    }
}

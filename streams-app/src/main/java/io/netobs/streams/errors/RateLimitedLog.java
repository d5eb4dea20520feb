package io.netobs.streams.errors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@link #BURST} lines per {@link #PERIOD_MS}, then one line saying how many were left out:
 * a flood of bad records must not turn into a flood of log lines that costs more than the records.
 */
final class RateLimitedLog {
    static final int BURST = 20;
    static final long PERIOD_MS = 10_000;
    private final Logger log;
    private long periodStart;
    private int logged;
    private long suppressed;

    RateLimitedLog(Class<?> owner) {
        this.log = LoggerFactory.getLogger(owner);
    }

    void warn(String format, Object... args) {
        if (admit()) {
            log.warn(format, args);
        }
    }

    void error(String format, Object... args) {
        if (admit()) {
            log.error(format, args);
        }
    }

    void error(String message, Throwable t) {
        if (admit()) {
            log.error(message, t);
        }
    }

    private synchronized boolean admit() {
        long now = System.currentTimeMillis();
        if (now - periodStart >= PERIOD_MS) {
            if (suppressed > 0) {
                log.warn("{} more such lines left out in the last {} s", suppressed, PERIOD_MS / 1000);
            }
            periodStart = now;
            logged = 0;
            suppressed = 0;
        }
        if (logged < BURST) {
            logged++;
            return true;
        }
        suppressed++;
        return false;
    }
}

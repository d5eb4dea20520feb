package io.netobs.streams.canary;

/**
 * Whether this instance has decoded a result without its target as key (the seed's producers send no
 * key). Such results reach their window task through the repartition topic, which exactly-once makes
 * readable only after the writing task commits: a commit interval or more after the keyed results
 * decoded at the same time, several seconds when the first transactions of a start begin. A window
 * task that has not received a repartitioned result yet would close windows on its keyed results
 * alone and find the first unkeyed ones late; once any task of the instance routes a result to the
 * repartition topic, every window task waits for every input partition (for at most the idle time).
 * Shared by the tasks of one topology instance; one flag per app instance, set once.
 */
final class UnkeyedInput {
    private volatile boolean seen;

    void saw() {
        if (!seen) {
            seen = true;
        }
    }

    boolean seen() {
        return seen;
    }
}

package io.netobs.streams.canary;

/**
 * What a task cannot learn from the records it processes: whether a silence of its input means that
 * nothing was sent. A task that processed nothing for a while closes its windows by the wall clock,
 * and an input partition that sent nothing stops holding its watermark back; both are right for a
 * partition that went quiet and wrong when the records are only late in coming: the brokers are
 * unreachable (every partition looks quiet, and every result the producers buffered meanwhile would
 * arrive after its window closed), or the consumer holds a backlog for the task that it has not handed
 * over yet.
 */
@FunctionalInterface
public interface InputWatch {
    /** Silence is taken at its word: for tests and for a topology run without a consumer to ask. */
    InputWatch TRUST_SILENCE = partition -> true;

    /**
     * Whether the task reading input partition {@code partition} may count silence as quiet now: the
     * brokers answer this instance's fetches and the partition has nothing left to read.
     */
    boolean mayBeQuiet(int partition);
}

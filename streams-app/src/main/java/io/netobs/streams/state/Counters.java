package io.netobs.streams.state;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's pipeline counters (dead letters, late records, label overflow) and small markers
 * (stream time), in a changelogged store so they survive restarts and move with their partition.
 * The store is the only copy, so several processors of one task may count under the same key;
 * counters change on rare events (a refused or late record), where a cached get and put is cheap.
 * Several tasks of an instance each hold their own entry under the same key; readers sum them.
 */
public final class Counters {
    /** Separates the parts of a counter key; cannot occur in a topic name, reason or family. */
    public static final char SEP = '\u001f';
    public static final String DEAD_LETTERS = "dead_letters";
    public static final String LATE = "late_records";
    public static final String OVERFLOW = "label_overflow";
    public static final String STREAM_TIME = "stream_time";

    private final KeyValueStore<String, Long> store;

    public Counters(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    public static String deadLetterKey(String topic, String reason) {
        return DEAD_LETTERS + SEP + topic + SEP + reason;
    }

    public static String overflowKey(String family) {
        return OVERFLOW + SEP + family;
    }

    public void add(String key, long delta) {
        store.put(key, get(key) + delta);
    }

    public void increment(String key) {
        add(key, 1);
    }

    public long get(String key) {
        Long v = store.get(key);
        return v == null ? 0 : v;
    }

    public void set(String key, long value) {
        store.put(key, value);
    }
}

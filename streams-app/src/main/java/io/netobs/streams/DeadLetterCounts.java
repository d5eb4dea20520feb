package io.netobs.streams;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dead letters sent by this process, per source topic and reason class. Kafka Streams creates the
 * deserialization handler itself, so this instance reaches it through the Streams config (key
 * {@link Names#CONFIG_DEAD_LETTER_COUNTS}). A process-local counter: it restarts at zero, which
 * Prometheus' rate() and increase() treat as a counter reset.
 */
public final class DeadLetterCounts {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String topic, String reason) {
        counts.computeIfAbsent(topic + '\u001f' + reason, k -> new LongAdder()).increment();
    }

    /** (topic, reason) -> count, sorted by topic then reason. */
    public Map<Map.Entry<String, String>, Long> snapshot() {
        Map<Map.Entry<String, String>, Long> out = new TreeMap<>(Map.Entry.<String, String>comparingByKey()
                .thenComparing(Map.Entry.comparingByValue()));
        counts.forEach((k, v) -> {
            int sep = k.indexOf('\u001f');
            out.put(Map.entry(k.substring(0, sep), k.substring(sep + 1)), v.sum());
        });
        return out;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }
}

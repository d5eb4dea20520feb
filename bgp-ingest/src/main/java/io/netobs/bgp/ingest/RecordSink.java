package io.netobs.bgp.ingest;

import io.netobs.schema.BgpUpdate;

/**
 * Where parsed records and rejected frames go: Kafka in production ({@link KafkaPublisher}); a
 * counting sink for {@code replay --dry-run} and the parser-only benchmark.
 */
public interface RecordSink extends AutoCloseable {
    void publish(BgpUpdate update);

    /**
     * @param sourceTopic "ris-live" or the replayed file's name
     * @param offset      the frame's number within that source
     */
    void deadLetter(byte[] raw, String sourceTopic, long offset, String reason);

    /** Blocks until everything handed over so far is acknowledged (or failed). */
    void flush();

    @Override
    void close();

    /** Counts and drops: what {@code replay --dry-run} uses to print counts without a broker. */
    final class Counting implements RecordSink {
        public long published;
        public long deadLetters;

        @Override
        public void publish(BgpUpdate update) {
            published++;
        }

        @Override
        public void deadLetter(byte[] raw, String sourceTopic, long offset, String reason) {
            deadLetters++;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

package io.netobs.streams.state;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs what this process restored from changelogs into its local stores. After a clean
 * stop the stores keep their committed offsets and a restart restores nothing; a number here after
 * such a restart means the local state was lost or not trusted (an unclean stop under exactly-once,
 * a wiped state directory, a task moved from another instance).
 */
public final class RestoreTracker implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreTracker.class);
    private final LongAdder restored = new LongAdder();

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        LOG.info("restoring {} from {} (offsets {} to {})", store, partition, startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        restored.add(numRestored);
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        LOG.info("restored {} records of {} from {}", totalRestored, store, partition);
    }

    /** Records restored since this process started. */
    public long restored() {
        return restored.sum();
    }
}

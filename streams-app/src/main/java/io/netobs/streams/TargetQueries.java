package io.netobs.streams;

import java.util.List;
import java.util.Optional;

/**
 * Reads the latest closed windows of targets, wherever they live. Throws
 * {@link org.apache.kafka.streams.errors.InvalidStateStoreException} when the owning store is not
 * queryable yet; the HTTP layer turns that into 503.
 */
public interface TargetQueries {
    /** Every target known to the application, each with its latest windows, sorted by target. */
    List<TargetView> all();

    /** One target's latest windows, empty when no window of it has closed. */
    Optional<TargetView> target(String target);

    /** What /api returns for one target. */
    record TargetView(String target, List<io.netobs.schema.CanaryAggregate> windows) {
    }
}

package io.netobs.streams;

import io.netobs.schema.CanaryAggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The value of the latest-windows store: for one target, the newest closed window of each
 * (type, canary) and of each type across canaries (canary id null). Windows close in order per
 * partition, but a restore may replay older ones, so an older window never replaces a newer one.
 */
public final class LatestWindows {
    public List<CanaryAggregate> windows = new ArrayList<>();

    public LatestWindows put(CanaryAggregate a) {
        for (int i = 0; i < windows.size(); i++) {
            CanaryAggregate old = windows.get(i);
            if (old.type().equals(a.type()) && Objects.equals(old.canaryId(), a.canaryId())) {
                if (a.windowEndMs() >= old.windowEndMs()) {
                    windows.set(i, a);
                }
                return this;
            }
        }
        windows.add(a);
        return this;
    }
}

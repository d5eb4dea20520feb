package io.netobs.streams.canary.state;

import io.netobs.schema.CanaryAggregate;
import io.netobs.streams.state.StoreCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Format 1 of a target's closed windows (the latest of each series, or all series of one window):
 * the count, then each {@link CanaryAggregate} as {@link AggregateCodec} writes it. One value per
 * target, so closing a target's window costs one write however many canaries probe it.
 */
public final class WindowsCodec extends StoreCodec<List<CanaryAggregate>> {
    public static final WindowsCodec INSTANCE = new WindowsCodec();

    private WindowsCodec() {
        super("CanaryWindows", 1);
    }

    @Override
    protected void write(Out out, List<CanaryAggregate> windows) {
        out.varlong(windows.size());
        windows.forEach(a -> AggregateCodec.writeOne(out, a));
    }

    @Override
    protected List<CanaryAggregate> read(In in) {
        int n = in.size();
        List<CanaryAggregate> windows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            windows.add(AggregateCodec.readOne(in));
        }
        return windows;
    }
}

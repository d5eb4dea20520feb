package io.netobs.streams.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Short-hand paths for unit tests: {@code path("a", "*", "b|c", "d")}, '*' no reply, '|' load-balanced. */
final class Paths {
    private Paths() {
    }

    /** A path that reached the destination (its last TTL). */
    static PathShape path(String... ttls) {
        return shape(true, ttls);
    }

    /** A path that stopped short of the destination. */
    static PathShape partial(String... ttls) {
        return shape(false, ttls);
    }

    private static PathShape shape(boolean reached, String... ttls) {
        List<List<String>> hops = new ArrayList<>();
        for (String t : ttls) {
            hops.add(t.equals("*") ? List.of() : Arrays.asList(t.split("\\|")));
        }
        return new PathShape(hops, reached);
    }
}

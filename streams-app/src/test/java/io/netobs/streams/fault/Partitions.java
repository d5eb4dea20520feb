package io.netobs.streams.fault;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Utils;

/** Which partition a target's results and state live in: the producer's default partitioner on the key. */
final class Partitions {
    private Partitions() {
    }

    static int of(String target, int partitions) {
        return Utils.toPositive(Utils.murmur2(target.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static Set<Integer> of(Collection<String> targets, int partitions) {
        Set<Integer> out = new TreeSet<>();
        targets.forEach(t -> out.add(of(t, partitions)));
        return out;
    }
}

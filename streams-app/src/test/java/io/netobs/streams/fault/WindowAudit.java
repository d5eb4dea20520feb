package io.netobs.streams.fault;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The windows on canary-aggregates after a fault that may make results late (a partition that looks
 * quiet while the broker is away has its windows closed by the wall clock): no window twice, none
 * holding a result it should not, and the results in windows plus those counted late equal the
 * results sent, exactly.
 */
record WindowAudit(int expected, int published, long doubled, long complete, List<String> excess, long windowed,
                   long late) {

    /**
     * Waits until the windows on the topic and the late count account for every result sent (the last
     * windows may still await their commit), reads on for a few seconds to catch extra ones, and audits.
     */
    static WindowAudit of(String bootstrap, List<Sent> sent, long windowMs, Scrape end) {
        ExpectedWindows want = ExpectedWindows.of(sent, windowMs);
        long late = (long) end.sum("netobs_canary_late_records_total");
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readAll(bootstrap, Topics.CANARY_AGGREGATES,
                Duration.ofSeconds(30), Duration.ofSeconds(3), r -> perCanary(r) + late >= sent.size());
        Map<ExpectedWindows.Key, Integer> copies = new HashMap<>();
        List<String> excess = new ArrayList<>();
        long windowed = 0;
        long complete = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            CanaryAggregate a = PayloadSerdes.CANARY_AGGREGATE.deserialize(r.topic(), r.value());
            if (copies.merge(ExpectedWindows.Key.of(a), 1, Integer::sum) == 1) {
                excess.addAll(want.excess(a));
                complete += want.differences(a).isEmpty() ? 1 : 0;
                windowed += a.canaryId() == null ? 0 : a.count();
            }
        }
        long doubled = copies.values().stream().filter(n -> n > 1).count();
        return new WindowAudit(want.size(), records.size(), doubled, complete, excess, windowed, late);
    }

    private static long perCanary(List<ConsumerRecord<String, byte[]>> records) {
        long n = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            CanaryAggregate a = PayloadSerdes.CANARY_AGGREGATE.deserialize(r.topic(), r.value());
            n += a.canaryId() == null ? 0 : a.count();
        }
        return n;
    }

    @Override
    public String toString() {
        return String.format("windows implied %d, published %d (doubled %d, complete %d, holding a result they should"
                + " not %d); results in windows %d + late %d = %d", expected, published, doubled, complete, excess.size(),
                windowed, late, windowed + late);
    }
}

package io.netobs.streams.fault;

import io.netobs.schema.CanaryAggregate;
import io.netobs.schema.PayloadSerdes;
import io.netobs.schema.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The windows on canary-aggregates after a fault, compared with the windows the results sent imply:
 * how many were published, twice, complete (exactly the results they should hold), holding a result
 * they should not; and the results in windows and those counted late.
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
        ExpectedWindows.Compared found = want.compare(records);
        return new WindowAudit(want.size(), records.size(), found.doubled(), found.complete(), found.excess(),
                found.windowed(), late);
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

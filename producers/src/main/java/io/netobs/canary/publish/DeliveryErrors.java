package io.netobs.canary.publish;

import java.util.List;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownProducerIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Sorts a failed delivery into one of three kinds. A <em>refusal</em> is about this record (too large,
 * a timestamp outside the topic's bounds, invalid): sending it again can never work, so it is put
 * aside. A <em>client</em> error concerns every record alike (authentication, authorisation, the
 * producer's idempotence state, an invalid topic): waiting and retrying with a fresh producer is
 * right, and putting records aside would only empty the spool; retriable errors are waited out the
 * same way. Anything else (another non-retriable broker error, or the plain {@code KafkaException}
 * Kafka gives the innocent records of a batch that held an invalid one) is retried with a fresh
 * producer, and a record that fails that way {@link #ATTEMPTS} times in a row is refused as "other":
 * no record can hold up the ones behind it for ever.
 */
final class DeliveryErrors {
    static final String TOO_LARGE = "too_large";
    static final String INVALID_TIMESTAMP = "invalid_timestamp";
    static final String INVALID_RECORD = "invalid_record";
    static final String OTHER = "other";
    static final List<String> REASONS = List.of(TOO_LARGE, INVALID_TIMESTAMP, INVALID_RECORD, OTHER);
    static final int ATTEMPTS = 5;

    private DeliveryErrors() {
    }

    /** The refusal reason when no retry can deliver this record, else null. */
    static String refusal(Throwable e) {
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException) {
            return TOO_LARGE;
        }
        if (e instanceof InvalidTimestampException) {
            return INVALID_TIMESTAMP;
        }
        if (e instanceof InvalidRecordException || e instanceof SerializationException) {
            return INVALID_RECORD;
        }
        return null;
    }

    /** True for errors that say nothing about the record: they hold for every record alike, or pass. */
    static boolean notAboutTheRecord(Throwable e) {
        return e instanceof RetriableException || e instanceof AuthenticationException || e instanceof AuthorizationException
                || e instanceof ProducerFencedException || e instanceof OutOfOrderSequenceException
                || e instanceof UnknownProducerIdException || e instanceof InvalidProducerEpochException
                || e instanceof UnsupportedVersionException || e instanceof InvalidTopicException;
    }
}

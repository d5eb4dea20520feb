package io.netobs.streams;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.InvalidRecordException;
import io.netobs.schema.JsonSerde;
import io.netobs.schema.PayloadSerdes;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of the canary topology's stores: compact binary ones (see {@link StoreCodec}) for the values
 * the stores read and write on every record or window; JSON for the rest.
 */
public final class StoreSerdes {
    public static final Serde<TargetWindow> TARGET_WINDOW = new WindowCodec();
    public static final Serde<TargetState> TARGET_STATE = new StateCodec();
    public static final Serde<LatestWindows> LATEST_WINDOWS = new LatestWindowsCodec();
    /** Only for a repartition before the window, which the key-preserving topology never needs. */
    public static final JsonSerde<Observation> OBSERVATION = new JsonSerde<>(Observation.class);

    /**
     * The input serde: like {@link PayloadSerdes#CANARY_RESULT} but an empty or null value (a
     * tombstone, which no agent sends) is refused too, so it reaches the dead-letter topic instead of
     * vanishing inside the aggregation.
     */
    public static Serde<CanaryResult> strictResults() {
        Deserializer<CanaryResult> strict = (topic, data) -> {
            if (data == null || data.length == 0) {
                throw new InvalidRecordException("empty value: a canary result cannot be a tombstone");
            }
            return PayloadSerdes.CANARY_RESULT.deserialize(topic, data);
        };
        return Serdes.serdeFrom(PayloadSerdes.CANARY_RESULT, strict);
    }

    private StoreSerdes() {
    }
}

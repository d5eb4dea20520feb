package io.netobs.schema;

/** One serde instance per payload type; all share {@link Json#MAPPER}. */
public final class PayloadSerdes {
    /** With a fast path for the plain shapes agents write (see {@link CanaryResultJson}). */
    public static final JsonSerde<CanaryResult> CANARY_RESULT =
            new JsonSerde<>(CanaryResult.class, CanaryResultJson::read, null);
    /** Written by a direct encoder giving exactly Jackson's bytes (see {@link CanaryAggregateJson}). */
    public static final JsonSerde<CanaryAggregate> CANARY_AGGREGATE =
            new JsonSerde<>(CanaryAggregate.class, bytes -> null, CanaryAggregateJson::write);
    /** With a fast path for the shape the ingester writes (see {@link BgpUpdateJson}). */
    public static final JsonSerde<BgpUpdate> BGP_UPDATE = new JsonSerde<>(BgpUpdate.class, BgpUpdateJson::read, null);
    public static final JsonSerde<BgpEvent> BGP_EVENT = new JsonSerde<>(BgpEvent.class);
    public static final JsonSerde<PathEvent> PATH_EVENT = new JsonSerde<>(PathEvent.class);

    private PayloadSerdes() {
    }
}

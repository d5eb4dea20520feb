package io.netobs.bgp.ingest;

/**
 * The fixed rejection classes of malformed frames. They are distinct on purpose: an operator who
 * sees {@code bad_origin} in the dead letters knows it is not a JSON problem.
 */
public final class Reasons {
    public static final String NOT_JSON = "not_json";
    public static final String MISSING_MESSAGE_TYPE = "missing_message_type";
    public static final String UNKNOWN_MESSAGE_TYPE = "unknown_message_type";
    public static final String MISSING_DATA = "missing_data";
    public static final String UNSUPPORTED_DATA_TYPE = "unsupported_data_type";
    public static final String BAD_TIMESTAMP = "bad_timestamp";
    public static final String BAD_COLLECTOR = "bad_collector";
    public static final String BAD_PEER = "bad_peer";
    public static final String BAD_PEER_ASN = "bad_peer_asn";
    public static final String BAD_ORIGIN = "bad_origin";
    public static final String BAD_AGGREGATOR = "bad_aggregator";
    public static final String BAD_PATH = "bad_path";
    public static final String MISSING_ORIGIN_AS = "missing_origin_as";
    public static final String BAD_COMMUNITY = "bad_community";
    public static final String BAD_NEXT_HOP = "bad_next_hop";
    public static final String BAD_PREFIX = "bad_prefix";
    public static final String PREFIX_HOST_BITS = "prefix_host_bits";
    public static final String BAD_ANNOUNCEMENT = "bad_announcement";
    /** MRT only: a record whose bytes end before its declared lengths. */
    public static final String TRUNCATED_RECORD = "truncated_record";
    public static final String BAD_BGP_MESSAGE = "bad_bgp_message";

    private Reasons() {
    }
}

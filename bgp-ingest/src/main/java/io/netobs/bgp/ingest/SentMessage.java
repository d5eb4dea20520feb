package io.netobs.bgp.ingest;

/** What the client sends to RIS Live, the {@code message} label of {@code netobs_bgp_ingest_send_failures_total}. */
enum SentMessage {
    SUBSCRIBE("subscribe"),
    PING("ping");

    final String label;

    SentMessage(String label) {
        this.label = label;
    }
}

package io.netobs.bgp.ingest;

/**
 * Why a RIS Live connection was given up, the {@code reason} label of
 * {@code netobs_bgp_ingest_reconnects_total}. A fixed set, so every value is exported from 0.
 */
enum ReconnectReason {
    /** The attempt ended before the websocket opened: refused, reset, TLS or upgrade rejected. */
    CONNECT_FAILED("connect_failed"),
    /** TCP connect, TLS and the websocket upgrade did not complete within the handshake timeout. */
    HANDSHAKE_TIMEOUT("handshake_timeout"),
    /** An open websocket was closed by the server or the network. */
    CLOSED("closed"),
    /** An open websocket carried no message and no pong for the silence timeout. */
    SILENT("silent"),
    /** A subscribe or ping could not be sent: the socket was already closing. */
    SEND_FAILED("send_failed");

    final String label;

    ReconnectReason(String label) {
        this.label = label;
    }
}

package io.netobs.bgp.ingest;

/** Thrown inside the parsers to abandon one frame; turned into a {@link ParseResult.Rejected}. */
final class FrameException extends Exception {
    final String reason;

    FrameException(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    ParseResult.Rejected toResult() {
        return new ParseResult.Rejected(reason, getMessage());
    }
}

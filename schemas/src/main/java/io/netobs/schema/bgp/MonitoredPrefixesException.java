package io.netobs.schema.bgp;

/**
 * A monitored-prefixes file that cannot be used, with the file, the line (0 when unknown) and the
 * reason, so start-up fails with a message an operator can act on.
 */
public final class MonitoredPrefixesException extends IllegalArgumentException {
    private final String file;
    private final int line;
    private final String reason;

    public MonitoredPrefixesException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}

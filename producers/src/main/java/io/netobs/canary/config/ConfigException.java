package io.netobs.canary.config;

/** A configuration that cannot run; the message names the source, the line when known, and the reason. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}

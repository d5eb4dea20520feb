package io.netobs.observability;

import java.util.Objects;

/**
 * A component's health as {@code /health} answers it: 200 when healthy, else 503, with a JSON
 * body the component writes itself (its state, counts, the reason it is down).
 */
public record Health(boolean healthy, String json) {
    public Health {
        Objects.requireNonNull(json, "json");
    }

    public int status() {
        return healthy ? 200 : 503;
    }
}

package io.netobs.bgp.ingest;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netobs.observability.Health;
import io.netobs.observability.OpsEndpoint;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** The ingester's {@code /metrics} and {@code /health}: the shared endpoint, with the ingester's health body. */
final class HttpEndpoint {
    private HttpEndpoint() {
    }

    /**
     * An unstarted app: {@link IngestMain} starts it, tests run it with JavalinTest.
     *
     * @param registry the registry {@code metrics} is registered on
     * @param up       whether the source is alive (and, for RIS Live, not disconnected for too long)
     */
    static Javalin create(PrometheusMeterRegistry registry, IngestMetrics metrics, String source, BooleanSupplier up) {
        return OpsEndpoint.create("bgp-ingest-http", registry, () -> health(source, metrics, up.getAsBoolean()));
    }

    static Health health(String source, IngestMetrics m, boolean ok) {
        String body = String.format(Locale.ROOT,
                "{\"status\":\"%s\",\"source\":\"%s\",\"connected\":%s,\"seconds_since_last_message\":%.3f,"
                        + "\"frames\":{\"published\":%d,\"dead_letter\":%d,\"ignored\":%d},\"records\":%d}",
                ok ? "UP" : "DOWN", source, m.connected(), m.secondsSinceLastMessage(),
                m.framesPublished(), m.framesDeadLetter(), m.framesIgnored(), m.recordsPublished());
        return new Health(ok, body);
    }
}

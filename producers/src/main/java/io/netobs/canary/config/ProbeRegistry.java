package io.netobs.canary.config;

import io.netobs.canary.probe.DnsProbe;
import io.netobs.canary.probe.HttpProbe;
import io.netobs.canary.probe.PingProbe;
import io.netobs.canary.probe.Probe;
import io.netobs.canary.probe.TcpProbe;
import io.netobs.canary.probe.TracerouteProbe;
import java.time.Duration;
import java.util.Map;

/** Probe types by name: adding a protocol is one probe class plus one line here. */
public final class ProbeRegistry {
    /** Builds a probe from its validated {@code options} node; {@code canaryId} feeds defaults such as the User-Agent. */
    public interface Factory {
        Probe create(ConfigNode options, String canaryId);
    }

    /** A type's factory and its default timeout (the seed's where it had one). */
    public record Entry(Factory factory, Duration defaultTimeout) {
    }

    public static final Map<String, Entry> TYPES = Map.of(
            "ping", new Entry(PingProbe::fromConfig, Duration.ofSeconds(10)),
            "dns", new Entry(DnsProbe::fromConfig, Duration.ofSeconds(5)),
            "http", new Entry(HttpProbe::fromConfig, Duration.ofSeconds(10)),
            "tcp", new Entry(TcpProbe::fromConfig, Duration.ofSeconds(5)),
            "traceroute", new Entry(TracerouteProbe::fromConfig, Duration.ofSeconds(30)));

    private ProbeRegistry() {
    }
}

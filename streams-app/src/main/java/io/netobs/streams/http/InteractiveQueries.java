package io.netobs.streams.http;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netobs.schema.Json;
import io.netobs.streams.canary.CanaryNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The locator: a target's key is its partition, {@code queryMetadataForKey} names the instance that
 * owns it; read locally when that is this instance, otherwise ask the owner's /api with
 * {@code scope=local} (which never forwards again, so a stale view cannot loop).
 */
public final class InteractiveQueries implements TargetQueries {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalTargets local;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public InteractiveQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
        this.local = new LocalTargets(LocalStores.of(streams));
    }

    public LocalTargets local() {
        return local;
    }

    @Override
    public List<TargetView> all() {
        List<TargetView> out = new ArrayList<>();
        for (StreamsMetadata m : streams.streamsMetadataForStore(CanaryNames.STORE_LATEST)) {
            if (m.hostInfo().equals(self)) {
                out.addAll(local.all());
            } else {
                out.addAll(fetch(m.hostInfo(), "/api/targets?scope=local", new TypeReference<List<TargetView>>() { }));
            }
        }
        out.sort((a, b) -> a.target().compareTo(b.target()));
        return out;
    }

    @Override
    public Optional<TargetView> target(String target) {
        HostInfo owner = owner(target);
        if (owner.equals(self)) {
            return local.target(target);
        }
        return Optional.ofNullable(fetch(owner, "/api/targets/" + pathOf(target) + "?scope=local",
                new TypeReference<TargetView>() { }));
    }

    @Override
    public Optional<TargetHistory> history(String target) {
        HostInfo owner = owner(target);
        if (owner.equals(self)) {
            return local.history(target);
        }
        return Optional.ofNullable(fetch(owner, "/api/history/" + pathOf(target) + "?scope=local",
                new TypeReference<TargetHistory>() { }));
    }

    /** The instance whose partition holds the target (the stores are keyed and partitioned by target). */
    private HostInfo owner(String target) {
        KeyQueryMetadata md = streams.queryMetadataForKey(CanaryNames.STORE_LATEST, target, Serdes.String().serializer());
        if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md)) {
            throw new InvalidStateStoreException("no instance owns " + target + " right now (rebalancing)");
        }
        return md.activeHost();
    }

    private static String pathOf(String target) {
        return URLEncoder.encode(target, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/")
                .replace("%3A", ":");
    }

    /** GET from another instance; 404 is "no such target", 503 and failures mean "not queryable". */
    private <T> T fetch(HostInfo host, String path, TypeReference<T> type) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() == 404) {
                return null;
            }
            if (resp.statusCode() != 200) {
                throw new InvalidStateStoreException(host + " answered " + resp.statusCode() + " for " + path);
            }
            return Json.MAPPER.readValue(resp.body(), type);
        } catch (IOException e) {
            throw new InvalidStateStoreException(host + " unreachable for " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }
}

package io.netobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The path-events payload: its JSON round-trips and matches path-event.schema.json field for field. */
class PathEventSerdeTest {
    static final PathEvent OPEN = new PathEvent(PathEvent.SCHEMA_VERSION, "PATH_CHANGED|198.51.100.20|tr-1|1000",
            PathEvent.Kind.PATH_CHANGED, PathEvent.State.OPEN, "198.51.100.20", "tr-1", "lhr",
            List.of(new PathEvent.Hop(1, List.of("192.0.2.1")), new PathEvent.Hop(2, List.of()),
                    new PathEvent.Hop(3, List.of("198.51.100.20"))),
            List.of(new PathEvent.Hop(1, List.of("192.0.2.1")), new PathEvent.Hop(2, List.of("203.0.113.1", "203.0.113.2")),
                    new PathEvent.Hop(3, List.of("198.51.100.20"))),
            2, 1000L, null, null, "path changed at TTL 2: * -> 203.0.113.1,203.0.113.2");

    @Test
    void shouldRoundTripOpenAndClosedEvents() throws Exception {
        byte[] json = PayloadSerdes.PATH_EVENT.serialize(Topics.PATH_EVENTS, OPEN);
        assertThat(PayloadSerdes.PATH_EVENT.deserialize(Topics.PATH_EVENTS, json)).isEqualTo(OPEN);
        JsonNode node = Json.MAPPER.readTree(json);
        assertThat(node.has("closed_at_ms")).as("absent while open").isFalse();
        assertThat(node.path("old_path").get(1).path("addresses").isArray()).isTrue();

        PathEvent closed = new PathEvent(OPEN.schemaVersion(), OPEN.id(), OPEN.kind(), PathEvent.State.CLOSED,
                OPEN.target(), OPEN.canaryId(), OPEN.pop(), OPEN.oldPath(), OPEN.newPath(), 2, 1000L, 61_000L,
                PathEvent.CloseReason.RETURNED, "back on the previous path");
        assertThat(PayloadSerdes.PATH_EVENT.parse(PayloadSerdes.PATH_EVENT.serialize(null, closed))).isEqualTo(closed);
    }

    @Test
    void shouldWriteExactlyTheFieldsTheSchemaDescribes() throws Exception {
        JsonNode schema;
        try (InputStream in = PathEventSerdeTest.class.getResourceAsStream("/schemas/path-event.schema.json")) {
            schema = Json.MAPPER.readTree(in);
        }
        PathEvent closed = new PathEvent(1, "i", PathEvent.Kind.PATH_CHANGED, PathEvent.State.CLOSED, "t", "c", "p",
                OPEN.oldPath(), OPEN.newPath(), 2, 1L, 2L, PathEvent.CloseReason.STABLE, "d");
        JsonNode written = Json.MAPPER.valueToTree(closed);
        assertThat(names(written)).containsExactlyInAnyOrderElementsOf(names(schema.path("properties")));
        for (JsonNode required : schema.path("required")) {
            assertThat(Json.MAPPER.valueToTree(OPEN).has(required.asText())).as(required.asText()).isTrue();
        }
        JsonNode hop = schema.path("$defs").path("path").path("items").path("properties");
        assertThat(names(written.path("new_path").get(0))).containsExactlyInAnyOrderElementsOf(names(hop));
        for (PathEvent.CloseReason r : PathEvent.CloseReason.values()) {
            assertThat(schema.path("properties").path("close_reason").path("enum").toString()).contains(r.name());
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

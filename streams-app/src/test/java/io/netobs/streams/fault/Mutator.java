package io.netobs.streams.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netobs.schema.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Damages a real record the ways producers, networks and people do: truncation, a field of the
 * wrong JSON type, nulls inside lists, huge and tiny numbers, NaN and Infinity as text, times far in
 * the past and the future, random bytes, control characters in strings, empty values, and values
 * too big or too deep to parse. Deterministic for a given seed, so a failing run reproduces.
 */
final class Mutator {
    /** What a mutation did, for the summary (how many of each kind were sent). */
    enum Kind { TRUNCATED, TYPE_SWAPPED, NULL_IN_LIST, HUGE_OR_TINY_NUMBER, NUMBER_AS_TEXT, FAR_TIME, RANDOM_BYTES,
        CONTROL_CHARS, EMPTY, OVERSIZED }

    /** A mutated value: null means a null record value (a tombstone). */
    record Mutation(Kind kind, byte[] value) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<JsonNode> OTHER_TYPES = List.of(F.numberNode(42), F.textNode("x"), F.booleanNode(true),
            F.nullNode(), F.objectNode(), F.arrayNode(), F.arrayNode().add(1).add("a"), F.objectNode().put("a", 1));
    private static final List<JsonNode> NUMBERS = List.of(F.numberNode(1e308), F.numberNode(-1e308),
            F.numberNode(Double.MIN_VALUE), F.numberNode(-0.0), F.numberNode(new BigDecimal("1e400")),
            F.numberNode(new BigInteger("18446744073709551616")), F.numberNode(Long.MAX_VALUE),
            F.numberNode(Long.MIN_VALUE), F.numberNode(-1), F.numberNode(0), F.numberNode(1e-300),
            F.numberNode(new BigDecimal("-123456789012345678901234567890.5")));
    private static final List<String> AS_TEXT = List.of("NaN", "Infinity", "-Infinity", "1e999", "0x10", " 12 ", "12ms", "");
    private static final List<String> FAR_TIMES = List.of("0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999999999Z", "+999999999-12-31T23:59:59Z",
            "-999999999-01-01T00:00:00Z", "2262-04-11T23:47:16.854775807Z", "2024-02-30T00:00:00Z",
            "2999-01-01T00:00:00+00:00", "1900-01-01T00:00:00+14:00", "yesterday", "");
    private static final List<Long> FAR_MILLIS = List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 253_402_300_799_999L,
            -62_135_596_800_000L, 4_102_444_800_000L);
    private static final String CONTROLS = "\u0000\u0001\u0007\u0008\t\n\r\u001b\u001f\u007f\u0085\u2028\u2029\ufeff";

    private final SplittableRandom rnd;
    /** List-valued fields of the record type, added when a record has none to put a null into. */
    private final List<String> listFields;
    /** The field holding the record's time: an ISO string (canary) or Unix milliseconds (BGP). */
    private final String timeField;

    Mutator(long seed, List<String> listFields, String timeField) {
        this.rnd = new SplittableRandom(seed);
        this.listFields = listFields;
        this.timeField = timeField;
    }

    Mutation mutate(byte[] original) {
        Kind kind = Kind.values()[rnd.nextInt(Kind.values().length)];
        return new Mutation(kind, apply(kind, original));
    }

    private byte[] apply(Kind kind, byte[] original) {
        return switch (kind) {
            case TRUNCATED -> Arrays.copyOf(original, rnd.nextInt(Math.max(1, original.length - 1)));
            case RANDOM_BYTES -> {
                byte[] b = new byte[rnd.nextInt(1, 400)];
                rnd.nextBytes(b);
                yield b;
            }
            case EMPTY -> switch (rnd.nextInt(6)) {
                case 0 -> null;
                case 1 -> new byte[0];
                case 2 -> "{}".getBytes(StandardCharsets.UTF_8);
                case 3 -> "null".getBytes(StandardCharsets.UTF_8);
                case 4 -> "[]".getBytes(StandardCharsets.UTF_8);
                default -> tree(original, (root, field) -> root.put(field, ""));
            };
            case OVERSIZED -> switch (rnd.nextInt(3)) {
                case 0 -> tree(original, (root, field) -> root.put(field, "x".repeat(300_000)));
                case 1 -> ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
                default -> tree(original, (root, field) -> {
                    ArrayNode many = root.putArray(pick(listFields));
                    for (int i = 0; i < 5_000; i++) {
                        many.add(i);
                    }
                });
            };
            case TYPE_SWAPPED -> tree(original, (root, field) -> root.set(field, pick(OTHER_TYPES).deepCopy()));
            case NULL_IN_LIST -> tree(original, (root, field) -> {
                List<String> lists = new ArrayList<>();
                root.properties().forEach(e -> {
                    if (e.getValue().isArray()) {
                        lists.add(e.getKey());
                    }
                });
                String name = lists.isEmpty() || rnd.nextBoolean() ? pick(listFields) : pick(lists);
                ArrayNode a = root.get(name) instanceof ArrayNode existing ? existing : root.putArray(name).add(1);
                a.insertNull(rnd.nextInt(a.size() + 1));
            });
            case HUGE_OR_TINY_NUMBER -> tree(original, (root, field) -> root.set(numericOr(root, field), pick(NUMBERS)));
            case NUMBER_AS_TEXT -> tree(original, (root, field) -> root.put(numericOr(root, field), pick(AS_TEXT)));
            case FAR_TIME -> tree(original, (root, field) -> {
                if (root.path(timeField).isNumber()) {
                    root.put(timeField, pick(FAR_MILLIS));
                } else {
                    root.put(timeField, pick(FAR_TIMES));
                }
            });
            case CONTROL_CHARS -> tree(original, (root, field) -> {
                String name = textOr(root, field);
                String v = root.path(name).asText("");
                int at = rnd.nextInt(v.length() + 1);
                char c = CONTROLS.charAt(rnd.nextInt(CONTROLS.length()));
                root.put(name, v.substring(0, at) + c + v.substring(at));
            });
        };
    }

    private interface Edit {
        void apply(ObjectNode root, String field);
    }

    /** Parses the original (a JSON object), applies the edit to one of its fields, writes it back. */
    private byte[] tree(byte[] original, Edit edit) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(original);
            List<String> names = new ArrayList<>();
            root.fieldNames().forEachRemaining(names::add);
            edit.apply(root, pick(names));
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + new String(original, StandardCharsets.UTF_8), e);
        }
    }

    /** A numeric field of the record when it has one (the interesting targets), else {@code field}. */
    private String numericOr(ObjectNode root, String field) {
        List<String> numeric = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getValue().isNumber()) {
                numeric.add(e.getKey());
            }
        }
        return numeric.isEmpty() ? field : pick(numeric);
    }

    private String textOr(ObjectNode root, String field) {
        List<String> text = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (e.getValue().isTextual()) {
                text.add(e.getKey());
            }
        }
        return text.isEmpty() ? field : pick(text);
    }

    <T> T pick(List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }

    SplittableRandom random() {
        return rnd;
    }
}

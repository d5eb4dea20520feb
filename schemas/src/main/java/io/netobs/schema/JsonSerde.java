package io.netobs.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of one payload record type, built from {@link Json#MAPPER}. Deserializing bad input
 * throws {@link SerializationException} (or its subclass {@link InvalidRecordException} for JSON
 * that breaks the schema) so the configured deserialization handler sees it; it never returns a
 * half-filled record. A null or empty value deserializes to null (a tombstone).
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final Function<byte[], T> fastReader;
    private final Function<T, byte[]> fastWriter;

    public JsonSerde(Class<T> type) {
        this(type, bytes -> null, null);
    }

    /**
     * @param fastReader a decoder for the plain shapes of a hot payload; returns null for anything it
     *                   does not read, which Jackson then decodes
     * @param fastWriter an encoder giving exactly Jackson's bytes, or null to use Jackson
     */
    JsonSerde(Class<T> type, Function<byte[], T> fastReader, Function<T, byte[]> fastWriter) {
        this.type = type;
        this.reader = Json.MAPPER.readerFor(type);
        this.writer = Json.MAPPER.writerFor(type);
        this.fastReader = fastReader;
        this.fastWriter = fastWriter;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (fastWriter != null) {
            return fastWriter.apply(data);
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        T value = fastReader.apply(data);
        if (value != null) {
            if (value instanceof Validatable v) {
                v.validate();
            }
            return value;
        }
        try {
            value = reader.readValue(data);
        } catch (InvalidRecordException e) {
            throw e;
        } catch (JsonProcessingException e) {
            // Jackson wraps exceptions thrown by @JsonCreator (e.g. unknown status) in its own.
            if (e.getCause() instanceof InvalidRecordException ire) {
                throw ire;
            }
            throw new SerializationException("not a valid " + type.getSimpleName() + " JSON document: "
                    + e.getOriginalMessage() + fieldOf(e), e);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new InvalidRecordException("JSON null is not a " + type.getSimpleName());
        }
        if (value instanceof Validatable v) {
            v.validate();
        }
        return value;
    }

    /** " (field 'a.b')" for errors Jackson can place, so a dead letter says which field was wrong. */
    private static String fieldOf(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException jme) || jme.getPath().isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : jme.getPath()) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return " (field '" + sb + "')";
    }

    /** Parses without the Kafka topic argument (replay files, tests). */
    public T parse(byte[] data) {
        return deserialize(null, data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the mapper is fixed.
    }

    @Override
    public void close() {
        // Stateless: the mapper is shared.
    }
}

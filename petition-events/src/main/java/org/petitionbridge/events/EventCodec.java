package org.petitionbridge.events;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON bodies of the events. One mapper configuration for every writer and reader: ISO-8601 timestamps,
 * unknown properties ignored (schemas evolve additively, so an older reader must accept a newer event).
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toJson(Object data) {
        return MAPPER.writeValueAsBytes(data);
    }

    public static <T> T fromJson(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JacksonException e) {
            throw new InvalidEventException("the body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes a consumed message: checks the CloudEvents headers and that the type is the expected one.
     *
     * @throws InvalidEventException when the headers or the body cannot be read, or the type is another
     */
    public static <T> Received<T> decode(Map<String, ?> headers, byte[] body, String expectedType, Class<T> type) {
        CloudEvent event = CloudEvent.fromHeaders(headers);
        if (!expectedType.equals(event.type())) {
            throw new InvalidEventException("expected an event of type " + expectedType + " but got " + event.type());
        }
        return decode(event, body, type);
    }

    /**
     * Decodes the body of a consumed message whose CloudEvents attributes were read already (and its type chosen).
     *
     * @throws InvalidEventException when the body cannot be read
     */
    public static <T> Received<T> decode(CloudEvent event, byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new InvalidEventException("the event " + event.id() + " has no body");
        }
        return new Received<>(event, fromJson(body, type));
    }

    /** A consumed event: its CloudEvents attributes and its data. */
    public record Received<T>(CloudEvent event, T data) {
    }
}

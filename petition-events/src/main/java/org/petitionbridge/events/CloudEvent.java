package org.petitionbridge.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents 1.0 attributes of one event, carried in Kafka headers in binary content mode
 * ({@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time}, {@code ce_subject}, {@code ce_specversion},
 * and {@code content-type} for the JSON body). The type is a logical, versioned name such as
 * {@code petition.received.v1}, never a Java class name; the subject is the petition number.
 */
public record CloudEvent(String id, String source, String type, Instant time, String subject) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public static final String HEADER_ID = "ce_id";
    public static final String HEADER_SOURCE = "ce_source";
    public static final String HEADER_TYPE = "ce_type";
    public static final String HEADER_TIME = "ce_time";
    public static final String HEADER_SUBJECT = "ce_subject";
    public static final String HEADER_SPEC_VERSION = "ce_specversion";
    public static final String HEADER_CONTENT_TYPE = "content-type";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    public static CloudEvent create(String source, String type, String subject, Instant time) {
        return new CloudEvent(UUID.randomUUID().toString(), source, type, time, subject);
    }

    /** The headers of the binary-mode Kafka message, in a stable order. */
    public Map<String, String> toHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_SPEC_VERSION, SPEC_VERSION);
        headers.put(HEADER_ID, id);
        headers.put(HEADER_SOURCE, source);
        headers.put(HEADER_TYPE, type);
        headers.put(HEADER_TIME, time.toString());
        if (subject != null) {
            headers.put(HEADER_SUBJECT, subject);
        }
        headers.put(HEADER_CONTENT_TYPE, CONTENT_TYPE);
        return headers;
    }

    /**
     * Reads the attributes back from message headers. Header values may arrive as strings or as raw bytes,
     * depending on the header mapper of the consumer.
     *
     * @throws InvalidEventException when a required attribute is missing or malformed
     */
    public static CloudEvent fromHeaders(Map<String, ?> headers) {
        String specVersion = text(headers, HEADER_SPEC_VERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException("not a CloudEvents 1.0 message: ce_specversion is " + specVersion);
        }
        String id = require(headers, HEADER_ID);
        String source = require(headers, HEADER_SOURCE);
        String type = require(headers, HEADER_TYPE);
        Instant time;
        try {
            time = Instant.parse(require(headers, HEADER_TIME));
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidEventException("ce_time is not an RFC 3339 timestamp");
        }
        return new CloudEvent(id, source, type, time, text(headers, HEADER_SUBJECT));
    }

    private static String require(Map<String, ?> headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("the CloudEvents header " + name + " is missing");
        }
        return value;
    }

    static String text(Map<String, ?> headers, String name) {
        Object value = headers.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}

package org.petitionbridge.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents 1.0 attributes of one event, carried in Kafka headers in the binary content mode of the
 * CloudEvents Kafka protocol binding ({@code ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time},
 * {@code ce_subject}, {@code ce_specversion}, and {@code content-type} for the JSON body), written and read by the
 * CloudEvents SDK ({@code io.cloudevents:cloudevents-kafka}). The type is a logical, versioned name such as
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

    /** The headers the platform reads; any other (extensions, the binder's own) is left alone. */
    private static final String[] ATTRIBUTE_HEADERS = {HEADER_SPEC_VERSION, HEADER_ID, HEADER_SOURCE, HEADER_TYPE,
            HEADER_TIME, HEADER_SUBJECT, HEADER_CONTENT_TYPE};

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    public static CloudEvent create(String source, String type, String subject, Instant time) {
        return new CloudEvent(UUID.randomUUID().toString(), source, type, time, subject);
    }

    /**
     * The headers of the binary-mode Kafka record, as the CloudEvents SDK's Kafka protocol binding writes them
     * ({@code ce_*} attributes and {@code content-type}).
     */
    public Map<String, String> toHeaders() {
        io.cloudevents.CloudEvent event = CloudEventBuilder.v1().withId(id).withSource(URI.create(source))
                .withType(type).withTime(time.atOffset(ZoneOffset.UTC)).withSubject(subject)
                .withDataContentType(CONTENT_TYPE).build();
        ProducerRecord<Void, byte[]> record = KafkaMessageFactory.createWriter("any-topic").writeBinary(event);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * Reads the attributes back from message headers with the SDK's Kafka protocol binding, which checks their
     * format (source a URI reference, time RFC 3339). Header values may arrive as strings or as raw bytes, depending
     * on the header mapper of the consumer; only the attributes above are read (an extension is ignored, as before). Before the SDK
     * reads them, the attributes the platform requires are checked here, so that a dead letter says which is missing.
     *
     * @throws InvalidEventException when a required attribute is missing or malformed
     */
    public static CloudEvent fromHeaders(Map<String, ?> headers) {
        String specVersion = text(headers, HEADER_SPEC_VERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEventException("not a CloudEvents 1.0 message: ce_specversion is " + specVersion);
        }
        for (String required : new String[] {HEADER_ID, HEADER_SOURCE, HEADER_TYPE, HEADER_TIME}) {
            require(headers, required);
        }
        RecordHeaders kafka = new RecordHeaders();
        for (String name : ATTRIBUTE_HEADERS) {
            String value = text(headers, name);
            if (value != null) {
                kafka.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
        io.cloudevents.CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(kafka, new byte[0]).toEvent();
        } catch (RuntimeException e) {
            throw new InvalidEventException("the CloudEvents headers cannot be read: " + e.getMessage());
        }
        return new CloudEvent(event.getId(), event.getSource().toString(), event.getType(),
                event.getTime().toInstant(), event.getSubject());
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

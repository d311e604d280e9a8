package org.petitionbridge.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PlatformEvent;

/** Events as their writing service publishes them, and petition numbers no other test of the JVM uses. */
public final class TestEvents {

    private static final AtomicInteger PETITIONS = new AtomicInteger(1000);

    private TestEvents() {
    }

    /** A petition number of the demo county that no other test in this JVM has used. */
    public static String newPetitionNo() {
        return "XF990101-20261126-%06d".formatted(PETITIONS.incrementAndGet());
    }

    /** Publishes as the writing service would: CloudEvents headers, JSON body, the subject (petition number, project or warning id) as key. */
    public static CloudEvent publish(String brokers, PlatformEvent event) {
        return publish(brokers, event, Instant.now());
    }

    /** The same, with the CloudEvents {@code time} given. */
    public static CloudEvent publish(String brokers, PlatformEvent event, Instant time) {
        EventTypes.EventType type = EventTypes.of(event.getClass());
        CloudEvent ce = CloudEvent.create("/test", type.type(), event.eventKey(), time);
        publish(brokers, type.topic(), ce, event);
        return ce;
    }

    /** Publishes with the given envelope (e.g. the same event id twice, as a redelivering broker would). */
    public static void publish(String brokers, String topic, CloudEvent ce, PlatformEvent event) {
        TopicWriter.send(brokers, topic, event.eventKey(), ce.toHeaders(),
                new String(EventCodec.toJson(event), StandardCharsets.UTF_8));
    }
}

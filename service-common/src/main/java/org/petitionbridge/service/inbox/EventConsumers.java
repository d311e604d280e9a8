package org.petitionbridge.service.inbox;

import java.util.function.Consumer;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PlatformEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/**
 * The consumer of one binding, the same in every service: it decodes the record's CloudEvent (headers and JSON,
 * checking the type the catalogue gives for the record class) and hands it to one method. An event that cannot be
 * read throws {@link org.petitionbridge.events.InvalidEventException}, which the binding dead-letters at once.
 *
 * <p>Every handled event is logged once (logger {@code org.petitionbridge.events}, INFO): its type, id and subject
 * (a petition number or the id of a project, warning, round or issue: never a person), the consumer group and the
 * record's place. The line carries the trace id of the petition's trace (the listener continues the record's
 * {@code traceparent}), so an operator can follow one petition through every service.
 */
public final class EventConsumers {

    private static final Logger log = LoggerFactory.getLogger("org.petitionbridge.events");

    private EventConsumers() {
    }

    public static <T extends PlatformEvent> Consumer<Message<byte[]>> of(Class<T> event,
            Consumer<EventCodec.Received<T>> handler) {
        String type = EventTypes.of(event).type();
        return m -> {
            EventCodec.Received<T> received = EventCodec.decode(m.getHeaders(), m.getPayload(), type, event);
            handler.accept(received);
            if (log.isInfoEnabled()) {
                MessageHeaders h = m.getHeaders();
                log.info("Handled {} {} of {} (group {}, {}-{}@{})", type, received.event().id(),
                        received.data().eventKey(), h.get(KafkaHeaders.GROUP_ID), h.get(KafkaHeaders.RECEIVED_TOPIC),
                        h.get(KafkaHeaders.RECEIVED_PARTITION), h.get(KafkaHeaders.OFFSET));
            }
        };
    }
}

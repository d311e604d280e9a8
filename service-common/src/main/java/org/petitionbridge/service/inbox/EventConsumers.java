package org.petitionbridge.service.inbox;

import java.util.function.Consumer;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.EventTypes;
import org.petitionbridge.events.PlatformEvent;
import org.springframework.messaging.Message;

/**
 * The consumer of one binding, the same in every service: it decodes the record's CloudEvent (headers and JSON,
 * checking the type the catalogue gives for the record class) and hands it to one method. An event that cannot be
 * read throws {@link org.petitionbridge.events.InvalidEventException}, which the binding dead-letters at once.
 */
public final class EventConsumers {

    private EventConsumers() {
    }

    public static <T extends PlatformEvent> Consumer<Message<byte[]>> of(Class<T> event,
            Consumer<EventCodec.Received<T>> handler) {
        String type = EventTypes.of(event).type();
        return m -> handler.accept(EventCodec.decode(m.getHeaders(), m.getPayload(), type, event));
    }
}

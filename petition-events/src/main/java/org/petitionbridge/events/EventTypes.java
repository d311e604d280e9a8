package org.petitionbridge.events;

import java.util.List;

/** The catalogue of event types: logical type name, topic and record class. */
public final class EventTypes {

    public record EventType(String type, String topic, Class<? extends PlatformEvent> recordClass) {
    }

    public static final List<EventType> ALL = List.of(
            new EventType(PetitionReceived.TYPE, PetitionReceived.TOPIC, PetitionReceived.class),
            new EventType(PetitionRouted.TYPE, PetitionRouted.TOPIC, PetitionRouted.class),
            new EventType(PetitionTriaged.TYPE, PetitionTriaged.TOPIC, PetitionTriaged.class),
            new EventType(CaseStatusChanged.TYPE, CaseStatusChanged.TOPIC, CaseStatusChanged.class),
            new EventType(DeadlineReached.TYPE, DeadlineReached.TOPIC, DeadlineReached.class),
            new EventType(CaseAnalytics.TYPE, CaseAnalytics.TOPIC, CaseAnalytics.class),
            new EventType(ProjectChanged.TYPE, ProjectChanged.TOPIC, ProjectChanged.class),
            new EventType(WarningChanged.TYPE, WarningChanged.TOPIC, WarningChanged.class),
            new EventType(ScreeningChanged.TYPE, ScreeningChanged.TOPIC, ScreeningChanged.class),
            new EventType(DisputeChanged.TYPE, DisputeChanged.TOPIC, DisputeChanged.class));

    private EventTypes() {
    }

    public static EventType of(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass().equals(recordClass)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an event record: " + recordClass.getName()));
    }
}

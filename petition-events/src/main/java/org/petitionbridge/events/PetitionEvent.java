package org.petitionbridge.events;

/** An event about one petition: the petition number is the Kafka key and the CloudEvents subject. */
public interface PetitionEvent extends PlatformEvent {

    String petitionNo();

    @Override
    default String eventKey() {
        return petitionNo();
    }
}

package org.petitionbridge.events;

/** Every event record names its petition: the petition number is the Kafka key and the CloudEvents subject. */
public interface PetitionEvent {

    String petitionNo();
}

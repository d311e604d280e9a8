package org.petitionbridge.events;

/**
 * Every event record of the platform names what it is about: its {@link #subject()} is the Kafka key and the
 * CloudEvents subject, so that one subject's events stay in order. A petition's events are keyed by the petition
 * number ({@link PetitionEvent}); risk's by the project's or the warning's id.
 */
public interface PlatformEvent {

    String subject();
}

package org.petitionbridge.events;

/**
 * Every event record of the platform names what it is about: its {@link #eventKey()} is the Kafka key and the
 * CloudEvents subject, so that one subject's events stay in order. A petition's events are keyed by the petition
 * number ({@link PetitionEvent}); risk's by the project's or the warning's id. (Not {@code subject()}: a petition's
 * {@code subject} is its text, which must never become a key.)
 */
public interface PlatformEvent {

    String eventKey();
}

package org.petitionbridge.events;

import java.util.List;

/**
 * The six topics of the platform, declared once. One writer per topic; the key of every record is the
 * petition number, so that one petition's events stay in order.
 */
public final class Topics {

    /** Written by intake-service: a registered petition (no plaintext personal data). */
    public static final String RECEIVED = "petition.received.v1";
    /** Written by routing-service: an assignment decision (RULE, MANUAL or REROUTE). */
    public static final String ROUTED = "petition.routed.v1";
    /** Written by routing-service: petitions no rule could place, for the bureau to assign by hand. */
    public static final String TRIAGE = "petition.triage.v1";
    /** Written by ledger-service: every case state change. */
    public static final String STATUS = "petition.status.v1";
    /** Written by ledger-service: statutory clock events (due soon, overdue, escalated). */
    public static final String DEADLINE = "petition.deadline.v1";
    /** Written by ledger-service: de-identified case facts for analysts. */
    public static final String ANALYTICS = "petition.analytics.v1";

    public static final List<String> ALL = List.of(RECEIVED, ROUTED, TRIAGE, STATUS, DEADLINE, ANALYTICS);

    private Topics() {
    }

    /** The dead-letter topic of one consumer group on one topic, e.g. {@code petition.received.v1.routing.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}

package org.petitionbridge.events;

import java.time.Instant;

/**
 * De-identified facts of a case after each status change, as ledger-service publishes them on
 * {@link Topics#ANALYTICS} for analysts: no names, pseudonyms, content, notes, or identifiers beyond the
 * petition number. Durations are whole minutes from the petition's receipt, {@code null} until reached.
 *
 * @param petitionNo         the petition number; also the Kafka key
 * @param category           the category code, or {@code null}
 * @param petitionClass      SUGGESTION, ACCUSATION or CLAIM, or {@code null}
 * @param townshipCode       the township (9 digits) of the division, never the village
 * @param channel            how the petition arrived
 * @param lead               the lead department, or {@code null}
 * @param status             the case status after the change
 * @param action             what caused the change
 * @param occurredAt         when the change happened
 * @param receivedAt         when the petition was received
 * @param group              a group petition
 * @param repeat             a repeat of an earlier petition
 * @param overdue            some statutory limit of the case is past due
 * @param extended           the reply limit was extended
 * @param outcome            the reply's outcome (SUPPORT, EXPLAIN, NOT_SUPPORT), or {@code null}
 * @param satisfaction       the petitioner's evaluation, or {@code null}
 * @param minutesToAssign    receipt to assignment
 * @param minutesToAcknowledge receipt to acknowledgement
 * @param minutesToReply     receipt to reply
 * @param minutesToClose     receipt to 销号
 */
public record CaseAnalytics(
        String petitionNo,
        String category,
        String petitionClass,
        String townshipCode,
        String channel,
        String lead,
        String status,
        String action,
        Instant occurredAt,
        Instant receivedAt,
        boolean group,
        boolean repeat,
        boolean overdue,
        boolean extended,
        String outcome,
        String satisfaction,
        Long minutesToAssign,
        Long minutesToAcknowledge,
        Long minutesToReply,
        Long minutesToClose) implements PetitionEvent {

    public static final String TYPE = "petition.analytics.v1";
    public static final String TOPIC = Topics.ANALYTICS;
}

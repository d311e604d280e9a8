package org.petitionbridge.events;

import java.util.List;

/**
 * The ten topics of the platform, declared once. One writer per topic; the key of every record is its subject
 * (the petition number, or risk's project or warning id), so that one subject's events stay in order.
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

    /** Written by risk-service: major projects registered, assessed (稳评) and decided. */
    public static final String RISK_PROJECT = "risk.project.v1";
    /** Written by risk-service: early warnings (预警) raised, updated, acted on and escalated. */
    public static final String RISK_WARNING = "risk.warning.v1";

    /** Written by risk-service: screening rounds opened, reported in, calling for reports. */
    public static final String RISK_SCREENING = "risk.screening.v1";
    /** Written by risk-service: issues of the 矛盾纠纷 ledger reported, acted on, overdue and carded. */
    public static final String RISK_DISPUTE = "risk.dispute.v1";

    public static final List<String> ALL = List.of(RECEIVED, ROUTED, TRIAGE, STATUS, DEADLINE, ANALYTICS, RISK_PROJECT,
            RISK_WARNING, RISK_SCREENING, RISK_DISPUTE);

    private Topics() {
    }

    /** The dead-letter topic of one consumer group on one topic, e.g. {@code petition.received.v1.routing.dlq}. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlq";
    }
}

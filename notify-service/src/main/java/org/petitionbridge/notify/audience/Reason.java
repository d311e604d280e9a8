package org.petitionbridge.notify.audience;

/**
 * Why a department receives an event. Every reason but {@link #INTEREST} shows the full event; the first four
 * are given by the department's role in the case and reach every endpoint and the feed of the department
 * whatever its subscriptions select; the last two follow what a subscription selected ({@code AudiencePolicy}).
 */
public enum Reason {
    /** The department handles the case (lead or co-handler). */
    HANDLER,
    /** A statutory clock of the case the department leads is due soon, overdue or escalated. */
    REMINDER,
    /** 督办: a case was escalated; the bureau and the supervisor are told. */
    ESCALATION,
    /** A group petition (集体访) or a repeat petition arrived: the bureau is told at once. */
    BUREAU_ALERT,
    /** The bureau and the supervisor read every case: what their subscriptions select, they see in full. */
    SUPERVISION,
    /** An interest subscription on a case not assigned to the department: a de-identified summary. */
    INTEREST;
}

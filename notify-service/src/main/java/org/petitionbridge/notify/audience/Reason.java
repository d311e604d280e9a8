package org.petitionbridge.notify.audience;

/**
 * Why a department receives an event. Every reason but {@link #INTEREST} shows the full event; HANDLER, REMINDER,
 * ESCALATION, BUREAU_ALERT and RESPONSIBLE are given by the department's role in the case or the situation and reach
 * every endpoint and the feed of the department whatever its subscriptions select; SUPERVISION and INTEREST follow
 * what a subscription selected ({@code AudiencePolicy}).
 */
public enum Reason {
    /** The department handles the case (lead or co-handler). */
    HANDLER,
    /** A statutory clock of the case the department leads is due soon, overdue or escalated. */
    REMINDER,
    /** 督办: a case was escalated (the bureau and the supervisor are told), or a RED warning (the bureau is). */
    ESCALATION,
    /** A group petition (集体访) or a repeat petition arrived: the bureau is told at once. */
    BUREAU_ALERT,
    /**
     * The department answers for a warning (属地 or 主管, or the project's department) or for a project; the bureau
     * answers for every warning and project it is not barred from.
     */
    RESPONSIBLE,
    /** The bureau and the supervisor read every case: what their subscriptions select, they see in full. */
    SUPERVISION,
    /** An interest subscription on a case not assigned to the department: a de-identified summary. */
    INTEREST;
}

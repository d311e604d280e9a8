package org.petitionbridge.ledger.cases;

import java.util.function.BiPredicate;

/**
 * Who may take an action on a case, by the part the acting department plays in it. "Bureau" is the case's acting
 * bureau and "supervisor" its acting supervisor ({@link CaseState#actingBureau()}, {@link CaseState#actingSupervisor()}:
 * the shared visibility policy decides both when the case opens).
 */
enum Party {

    /** The lead department (主办). */
    LEAD((c, actor) -> actor.equals(c.lead())),
    /** A co-handling department (协办). */
    CO_HANDLER((c, actor) -> c.coHandlers().contains(actor)),
    /** The lead or a co-handler. */
    ASSIGNED(CaseState::isAssignedTo),
    /** The lead, a co-handler or the bureau. */
    ASSIGNED_OR_BUREAU((c, actor) -> c.isAssignedTo(actor) || actor.equals(c.actingBureau())),
    /** The lead or the bureau. */
    LEAD_OR_BUREAU((c, actor) -> actor.equals(c.actingBureau()) || actor.equals(c.lead())),
    /** The bureau (信访局), or the one acting for it on this case. */
    BUREAU((c, actor) -> actor.equals(c.actingBureau())),
    /** The supervisor (上级机关), or the one acting for it on this case. */
    SUPERVISOR((c, actor) -> actor.equals(c.actingSupervisor()));

    private final BiPredicate<CaseState, String> includes;

    Party(BiPredicate<CaseState, String> includes) {
        this.includes = includes;
    }

    /** Whether the department (never null) plays this part in the case. */
    boolean includes(CaseState c, String department) {
        return includes.test(c, department);
    }

    /**
     * The words of a refusal for a department that does not play this part: the bureau's say who acts as the bureau
     * on this case (VisibilityPolicy.actingBureau).
     */
    String refusal(String message, CaseState c) {
        return this == BUREAU ? message + "（本件由 " + c.actingBureau() + " 行使信访局职责）" : message;
    }
}

package org.petitionbridge.notify.audience;

import java.util.Set;

/**
 * The facts of a warning's or a project's event that decide its audience (risk's events are about a situation, not
 * one petition's case).
 *
 * @param kind         WARNING or PROJECT
 * @param responsible  the departments that answer for it: a warning's departments, a project's department
 * @param escalated    an ESCALATED warning: the (acting) bureau is told as for 督办
 * @param barred       the departments a complaint of one of its petitions bars: never told anything of it
 * @param category     what a subscription's category filter matches, or null
 * @param divisionCode what a subscription's division filter matches (a township code), or null
 */
public record SituationNotice(EventKind kind, Set<String> responsible, boolean escalated, Set<String> barred,
        String category, String divisionCode) {

    public SituationNotice {
        if (!kind.isSituation()) {
            throw new IllegalArgumentException(kind + " is an event of a case, not of a situation");
        }
        responsible = Set.copyOf(responsible);
        barred = Set.copyOf(barred);
    }
}

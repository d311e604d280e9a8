package org.petitionbridge.notify.audience;

import java.util.Set;

/**
 * The facts of one consumed event that decide its audience, beyond the case itself.
 *
 * @param kind          which topic it came from
 * @param deadlineKind  for a deadline event: DUE_SOON, OVERDUE or ESCALATED; else null
 * @param alertBureau   for a received event: a group petition or a repeat petition, which the bureau hears of at once
 * @param alsoAssigned  departments that get this one event as handlers although they have just left the case
 *                      (the department whose objection the bureau accepted hears of the decision)
 */
public record Occurrence(EventKind kind, String deadlineKind, boolean alertBureau, Set<String> alsoAssigned) {

    public Occurrence {
        alsoAssigned = Set.copyOf(alsoAssigned);
    }

    public static Occurrence of(EventKind kind) {
        return new Occurrence(kind, null, false, Set.of());
    }
}

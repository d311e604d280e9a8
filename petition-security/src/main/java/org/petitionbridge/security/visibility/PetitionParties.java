package org.petitionbridge.security.visibility;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The facts of one petition that decide who may see it: who handles it now, as the ledger last published it on
 * {@code petition.status.v1} (never a routing decision), and the departments its complaint bars from it.
 *
 * @param lead       the lead department (主办), or null while nobody handles it (registered, triage)
 * @param coHandlers the co-handling departments (协办)
 * @param barred     the departments the petition complains about, directly or through an official of theirs
 *                   ({@link VisibilityPolicy#barredBy}); they learn nothing of it
 */
public record PetitionParties(String lead, List<String> coHandlers, Set<String> barred) {

    public PetitionParties {
        coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
        barred = barred == null ? Set.of() : Set.copyOf(barred);
    }

    public static PetitionParties of(String lead, Collection<String> coHandlers, Collection<String> barred) {
        return new PetitionParties(lead, coHandlers == null ? List.of() : new ArrayList<>(coHandlers),
                barred == null ? Set.of() : new LinkedHashSet<>(barred));
    }

    /** A petition nobody handles yet. */
    public static PetitionParties unassigned(Collection<String> barred) {
        return of(null, List.of(), barred);
    }

    /** The departments handling the petition (lead first), never a barred one. */
    public List<String> handlers() {
        Set<String> out = new LinkedHashSet<>();
        if (lead != null) {
            out.add(lead);
        }
        out.addAll(coHandlers);
        out.removeAll(barred);
        return List.copyOf(out);
    }

    public boolean handledBy(String department) {
        return department != null && handlers().contains(department);
    }

    public boolean bars(String department) {
        return department != null && barred.contains(department);
    }
}

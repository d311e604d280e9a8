package org.petitionbridge.routing.rules;

import java.util.Set;

/**
 * What routing needs to know of a petition.
 *
 * @param complainedAgainstDepartment the county department the petition complains about, or null
 * @param barred                      every department the complaint bars (VisibilityPolicy.barredBy): recused from
 *                                    handling the petition, as lead or co-handler
 */
public record PetitionFacts(String petitionNo, String divisionCode, String category, String subject, String content,
        String complainedAgainstDepartment, Set<String> barred) {

    public PetitionFacts {
        barred = barred == null ? Set.of() : Set.copyOf(barred);
    }

    /** A petition whose complaint names one department (or none). */
    public PetitionFacts(String petitionNo, String divisionCode, String category, String subject, String content,
            String complainedAgainstDepartment) {
        this(petitionNo, divisionCode, category, subject, content, complainedAgainstDepartment,
                complainedAgainstDepartment == null ? Set.of() : Set.of(complainedAgainstDepartment));
    }
}

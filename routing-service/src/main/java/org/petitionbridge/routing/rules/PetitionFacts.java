package org.petitionbridge.routing.rules;

/** What routing needs to know of a petition. */
public record PetitionFacts(String petitionNo, String divisionCode, String category, String subject, String content,
        String complainedAgainstDepartment) {
}

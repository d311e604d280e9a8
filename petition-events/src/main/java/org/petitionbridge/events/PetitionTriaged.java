package org.petitionbridge.events;

import java.time.Instant;
import java.util.List;

/**
 * A petition no rule could place, as routing-service publishes it on {@link Topics#TRIAGE}: the bureau assigns
 * it by hand.
 *
 * @param petitionNo        the petition number; also the Kafka key
 * @param reason            why no rule could place it, a sentence a bureau clerk can read
 * @param category          the category given, or {@code null}
 * @param suggestedCategory the suggested category, if one was found but could not be routed
 * @param candidates        categories tied for the most keyword hits
 * @param matchedKeywords   the keywords found in the text
 * @param divisionCode      the division the petition concerns
 * @param ruleSetVersion    the rule set that was applied
 * @param triagedAt         when
 */
public record PetitionTriaged(
        String petitionNo,
        String reason,
        String category,
        String suggestedCategory,
        List<String> candidates,
        List<String> matchedKeywords,
        String divisionCode,
        Integer ruleSetVersion,
        Instant triagedAt) implements PetitionEvent {

    public static final String TYPE = "petition.triage.v1";
    public static final String TOPIC = Topics.TRIAGE;

    public PetitionTriaged {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        matchedKeywords = matchedKeywords == null ? List.of() : List.copyOf(matchedKeywords);
    }
}

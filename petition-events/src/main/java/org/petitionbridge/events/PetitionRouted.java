package org.petitionbridge.events;

import java.time.Instant;
import java.util.List;

/**
 * An assignment decision, as routing-service publishes it on {@link Topics#ROUTED}.
 *
 * @param petitionNo        the petition number; also the Kafka key
 * @param decisionId        unique id of this decision
 * @param source            RULE, MANUAL or REROUTE
 * @param lead              the lead (主办) department code
 * @param coHandlers        co-handling (协办) department codes
 * @param tier              COUNTY or TOWNSHIP, or {@code null} for a manual assignment
 * @param category          the category the decision was made for (given or suggested)
 * @param petitionClass     SUGGESTION, ACCUSATION or CLAIM
 * @param suggestedCategory the category suggested from the text when none was given, else {@code null}
 * @param matchedKeywords   the keywords that suggested the category
 * @param matchedRules      ids of the rules that produced the decision
 * @param recused           departments removed because the petition complains about them
 * @param ruleSetVersion    the version of the rule set used, or {@code null} for a manual assignment
 * @param explanation       a sentence a bureau clerk can read
 * @param decidedAt         when the decision was made
 */
public record PetitionRouted(
        String petitionNo,
        String decisionId,
        String source,
        String lead,
        List<String> coHandlers,
        String tier,
        String category,
        String petitionClass,
        String suggestedCategory,
        List<String> matchedKeywords,
        List<String> matchedRules,
        List<String> recused,
        Integer ruleSetVersion,
        String explanation,
        Instant decidedAt) implements PetitionEvent {

    public static final String TYPE = "petition.routed.v1";
    public static final String TOPIC = Topics.ROUTED;

    public PetitionRouted {
        coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
        matchedKeywords = matchedKeywords == null ? List.of() : List.copyOf(matchedKeywords);
        matchedRules = matchedRules == null ? List.of() : List.copyOf(matchedRules);
        recused = recused == null ? List.of() : List.copyOf(recused);
    }
}

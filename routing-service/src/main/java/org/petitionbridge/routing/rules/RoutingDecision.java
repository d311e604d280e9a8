package org.petitionbridge.routing.rules;

import java.util.List;

/**
 * What the rules decided for one petition: either an assignment (lead and co-handlers) or triage by the
 * bureau, always with the reason in a sentence a bureau clerk can read.
 *
 * @param ruleSetVersion the rule set the decision was made with; {@code null} for a manual assignment
 */
public record RoutingDecision(
        String lead,
        List<String> coHandlers,
        String tier,
        boolean triage,
        String category,
        String petitionClass,
        String suggestedCategory,
        List<String> candidates,
        List<String> matchedKeywords,
        List<String> matchedRules,
        List<String> recused,
        Integer ruleSetVersion,
        String explanation) {

    public RoutingDecision {
        coHandlers = List.copyOf(coHandlers);
        candidates = List.copyOf(candidates);
        matchedKeywords = List.copyOf(matchedKeywords);
        matchedRules = List.copyOf(matchedRules);
        recused = List.copyOf(recused);
    }
}

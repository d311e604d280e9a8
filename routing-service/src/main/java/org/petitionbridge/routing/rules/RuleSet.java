package org.petitionbridge.routing.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.county.CountyReference;

/**
 * A version of the routing rules: per category its tier, competent (lead) department, co-handlers and the
 * keywords that suggest it. Departments and divisions come from the county's reference data.
 */
public record RuleSet(int version, Map<String, CategoryRule> categories) {

    /** How one category routes. {@code lead} is null for tier TOWNSHIP and for a category that goes to triage. */
    public record CategoryRule(String code, String name, String petitionClass, String tier, String lead,
            boolean coHandleByTownship, List<String> coHandlers, List<String> keywords) {

        public CategoryRule {
            coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    public RuleSet {
        categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /** The first version: the categories table of the county's reference data. */
    public static RuleSet fromCounty(int version, CountyReference county) {
        Map<String, CategoryRule> rules = new LinkedHashMap<>();
        county.categories().forEach((code, c) -> rules.put(code, new CategoryRule(code, c.name(), c.petitionClass(),
                c.tier(), c.lead(), c.coHandleByTownship(), c.coHandlers(), c.keywords())));
        return new RuleSet(version, rules);
    }
}

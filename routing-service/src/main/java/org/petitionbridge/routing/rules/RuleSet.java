package org.petitionbridge.routing.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.service.county.CountyReference;

/**
 * A version of the routing rules: per category its tier, competent (lead) department, co-handlers and the
 * keywords that suggest it, and per township the government that answers for it (属地). Departments and
 * divisions come from the county's reference data.
 *
 * @param townshipDepartments township division code (9 digits) to its government's department code; a township
 *                            missing here falls back to the county's reference data
 */
public record RuleSet(int version, Map<String, CategoryRule> categories, Map<String, String> townshipDepartments) {

    /** How one category routes. {@code lead} is null for tier TOWNSHIP and for a category that goes to triage. */
    public record CategoryRule(String code, String name, String petitionClass, String tier, String lead,
            boolean coHandleByTownship, List<String> coHandlers, List<String> keywords) {

        public CategoryRule {
            coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }
    }

    public RuleSet {
        categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
        townshipDepartments = townshipDepartments == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(townshipDepartments));
    }

    public RuleSet(int version, Map<String, CategoryRule> categories) {
        this(version, categories, Map.of());
    }

    /** The first version: the categories and townships of the county's reference data. */
    public static RuleSet fromCounty(int version, CountyReference county) {
        Map<String, CategoryRule> rules = new LinkedHashMap<>();
        county.categories().forEach((code, c) -> rules.put(code, new CategoryRule(code, c.name(), c.petitionClass(),
                c.tier(), c.lead(), c.coHandleByTownship(), c.coHandlers(), c.keywords())));
        Map<String, String> townships = new LinkedHashMap<>();
        county.townships().forEach((code, t) -> townships.put(code, t.department()));
        return new RuleSet(version, rules, townships);
    }
}

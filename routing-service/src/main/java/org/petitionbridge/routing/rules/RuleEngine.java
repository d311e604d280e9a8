package org.petitionbridge.routing.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;

/**
 * The routing rules, pure and without I/O: 谁主管、谁负责 (the competent department leads) and 属地管理、分级负责
 * (the township of the location leads township-tier matters and co-handles county-tier ones where the rule
 * says so). A petition never goes to the department it complains about (回避). Anything no rule can place goes
 * to triage, with the reason.
 */
public final class RuleEngine {

    private final CountyReference county;

    public RuleEngine(CountyReference county) {
        this.county = county;
    }

    /** Decides for a petition under a rule set, leaving out the given departments (e.g. after an objection). */
    public RoutingDecision decide(RuleSet rules, PetitionFacts petition, Set<String> excluded) {
        String prefix = "依据规则集 v" + rules.version() + "：";
        List<String> matchedKeywords = List.of();
        String suggested = null;
        String categoryCode = petition.category();
        List<String> candidates = List.of();
        StringBuilder why = new StringBuilder(prefix);

        if (categoryCode == null) {
            Suggestion suggestion = suggest(rules, petition.subject() + "\n" + petition.content());
            matchedKeywords = suggestion.keywords();
            candidates = suggestion.candidates();
            if (suggestion.candidates().isEmpty()) {
                return triage(rules, null, null, candidates, matchedKeywords,
                        prefix + "未填写类别，且内容未命中任何类别关键词，需信访局人工分办");
            }
            if (suggestion.candidates().size() > 1) {
                return triage(rules, null, null, candidates, matchedKeywords,
                        prefix + "未填写类别，关键词同等命中" + names(rules, candidates) + "，需信访局人工分办");
            }
            categoryCode = suggestion.candidates().get(0);
            suggested = categoryCode;
            why.append("未填写类别，依据关键词「").append(String.join("、", matchedKeywords)).append("」建议类别\"")
                    .append(rules.categories().get(categoryCode).name()).append("\"；");
        }

        RuleSet.CategoryRule rule = rules.categories().get(categoryCode);
        if (rule == null) {
            return triage(rules, categoryCode, suggested, candidates, matchedKeywords,
                    prefix + "类别" + categoryCode + "不在现行规则集中，需信访局人工分办");
        }
        String township = county.townshipOf(petition.divisionCode())
                .map(t -> rules.townshipDepartments().getOrDefault(t.code(), t.department()))
                .orElse(null);
        List<String> matchedRules = new ArrayList<>();
        matchedRules.add("category:" + rule.code());
        String lead;
        Set<String> coHandlers = new LinkedHashSet<>();
        if ("TOWNSHIP".equals(rule.tier())) {
            if (township == null) {
                return triage(rules, categoryCode, suggested, candidates, matchedKeywords,
                        why + "类别\"" + rule.name() + "\"属乡镇层级，但区划" + petition.divisionCode()
                                + "不属于本县任何乡镇，无法确定属地，需信访局人工分办");
            }
            lead = township;
            matchedRules.add("tier:TOWNSHIP");
            why.append("类别\"").append(rule.name()).append("\"属乡镇层级，由属地").append(name(township))
                    .append("主办（属地管理、分级负责）");
            coHandlers.addAll(rule.coHandlers());
            if (!rule.coHandlers().isEmpty()) {
                why.append("；").append(names(rule.coHandlers())).append("协办（谁主管、谁负责）");
            }
        } else {
            lead = rule.lead();
            matchedRules.add("tier:COUNTY");
            if (lead == null) {
                return triage(rules, categoryCode, suggested, candidates, matchedKeywords,
                        why + "类别\"" + rule.name() + "\"没有主管部门，需信访局人工分办");
            }
            why.append("类别\"").append(rule.name()).append("\"由").append(name(lead)).append("主办（谁主管、谁负责）");
            coHandlers.addAll(rule.coHandlers());
            if (!rule.coHandlers().isEmpty()) {
                why.append("；").append(names(rule.coHandlers())).append("协办");
            }
            if (rule.coHandleByTownship() && township != null) {
                coHandlers.add(township);
                matchedRules.add("coHandleByTownship");
                why.append("；属地").append(name(township)).append("协办（属地管理）");
            }
        }
        coHandlers.remove(lead);

        List<String> recused = new ArrayList<>();
        for (String accused : petition.barred().stream().sorted().toList()) {
            if (accused.equals(lead) || coHandlers.contains(accused)) {
                recused.add(accused);
                coHandlers.remove(accused);
                why.append("；被投诉单位").append(name(accused)).append("依法回避");
                if (accused.equals(lead)) {
                    lead = null;
                }
            }
        }
        if (!recused.isEmpty()) {
            matchedRules.add("recusal");
        }
        List<String> excludedHere = new ArrayList<>();
        for (String department : excluded) {
            if (department.equals(lead) || coHandlers.contains(department)) {
                excludedHere.add(department);
                coHandlers.remove(department);
                if (department.equals(lead)) {
                    lead = null;
                }
            }
        }
        if (!excludedHere.isEmpty()) {
            matchedRules.add("objection-accepted");
            why.append("；").append(names(excludedHere)).append("的异议已获信访局同意，不再承办");
        }
        if (lead == null) {
            return new RoutingDecision(null, List.of(), rule.tier(), true, categoryCode, rule.petitionClass(),
                    suggested, candidates, matchedKeywords, matchedRules, recused, rules.version(),
                    why + "；无其他主办单位，需信访局人工分办");
        }
        return new RoutingDecision(lead, List.copyOf(coHandlers), rule.tier(), false, categoryCode,
                rule.petitionClass(), suggested, candidates, matchedKeywords, matchedRules, recused, rules.version(),
                why.toString());
    }

    private RoutingDecision triage(RuleSet rules, String category, String suggested, List<String> candidates,
            List<String> keywords, String explanation) {
        RuleSet.CategoryRule rule = category == null ? null : rules.categories().get(category);
        return new RoutingDecision(null, List.of(), rule == null ? null : rule.tier(), true, category,
                rule == null ? null : rule.petitionClass(), suggested, candidates, keywords, List.of(), List.of(),
                rules.version(), explanation);
    }

    /** The categories with the most distinct keyword hits, and the keywords of those categories that matched. */
    record Suggestion(List<String> candidates, List<String> keywords) {
    }

    static Suggestion suggest(RuleSet rules, String text) {
        int best = 0;
        List<String> candidates = new ArrayList<>();
        Map<String, List<String>> hitsByCategory = new java.util.HashMap<>();
        for (RuleSet.CategoryRule rule : rules.categories().values()) {
            List<String> hits = new ArrayList<>();
            for (String keyword : rule.keywords()) {
                if (text.contains(keyword)) {
                    hits.add(keyword);
                }
            }
            hitsByCategory.put(rule.code(), hits);
            if (hits.isEmpty() || hits.size() < best) {
                continue;
            }
            if (hits.size() > best) {
                best = hits.size();
                candidates.clear();
            }
            candidates.add(rule.code());
        }
        Set<String> keywords = new LinkedHashSet<>();
        candidates.forEach(c -> keywords.addAll(hitsByCategory.get(c)));
        return new Suggestion(List.copyOf(candidates), List.copyOf(keywords));
    }

    private String name(String department) {
        return county.department(department).map(CountyReference.Department::name).orElse(department);
    }

    private String names(List<String> departments) {
        return String.join("、", departments.stream().map(this::name).toList());
    }

    private static String names(RuleSet rules, List<String> categories) {
        return String.join("、", categories.stream().map(c -> "\"" + rules.categories().get(c).name() + "\"").toList());
    }
}

package org.petitionbridge.routing.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.problems.FieldProblem;

/**
 * Checks a rule set written as a document (the tree that JSON or the YAML of {@code demo-county.yaml}'s
 * {@code categories} and {@code townships} sections parse to: maps, lists, strings, booleans) against the county's
 * reference data, and builds the {@link RuleSet} when nothing is wrong. Every problem is reported, each under the
 * path of the field, e.g. {@code categories.WAGE_ARREARS.lead}. Pure: no I/O.
 */
public final class RuleSetValidator {

    /** The one category that may have no keywords: the catch-all that goes to triage. */
    public static final String CATCH_ALL_CATEGORY = "OTHER";

    static final int MAX_CATEGORIES = 200;
    static final int MAX_KEYWORDS = 100;
    static final int MAX_KEYWORD_LENGTH = 30;
    static final int MAX_NAME_LENGTH = 50;
    static final int MAX_NOTE_LENGTH = 500;

    /**
     * Fields of a rule set. {@code version}, {@code active}, {@code createdAt} and {@code createdBy} are read-only
     * and ignored (who posts a version is taken from the caller's token, never from the document).
     */
    static final Set<String> RULE_SET_FIELDS = Set.of("categories", "townships", "note", "version", "active",
            "createdAt", "createdBy");
    static final Set<String> CATEGORY_FIELDS = Set.of("name", "class", "tier", "lead", "coHandleByTownship",
            "coHandlers", "keywords");
    static final Set<String> TOWNSHIP_FIELDS = Set.of("code", "name", "department");
    static final Set<String> CLASSES = Set.of("SUGGESTION", "ACCUSATION", "CLAIM");
    static final Set<String> TIERS = Set.of("COUNTY", "TOWNSHIP");
    private static final Pattern CATEGORY_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

    private final CountyReference county;

    public RuleSetValidator(CountyReference county) {
        this.county = county;
    }

    /** The outcome: the rule set (when {@code problems} is empty) and every problem found. */
    public record Outcome(RuleSet ruleSet, String note, List<FieldProblem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Outcome validate(Object document, int version) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!(document instanceof Map<?, ?> root)) {
            problems.add(new FieldProblem("body", "must be a mapping with a categories section"));
            return new Outcome(null, null, problems);
        }
        for (Object key : root.keySet()) {
            if (!RULE_SET_FIELDS.contains(String.valueOf(key))) {
                problems.add(new FieldProblem(String.valueOf(key), "is not a field of a rule set (expected "
                        + "categories, townships, note)"));
            }
        }
        String note = null;
        Object noteValue = root.get("note");
        if (noteValue != null) {
            if (!(noteValue instanceof String text) || text.length() > MAX_NOTE_LENGTH) {
                problems.add(new FieldProblem("note", "must be text of at most " + MAX_NOTE_LENGTH + " characters"));
            } else {
                note = text;
            }
        }
        Map<String, RuleSet.CategoryRule> categories = categories(root.get("categories"), problems);
        Map<String, String> townships = townships(root.get("townships"), problems);
        if (!problems.isEmpty()) {
            return new Outcome(null, note, problems);
        }
        return new Outcome(new RuleSet(version, categories, townships), note, List.of());
    }

    private Map<String, RuleSet.CategoryRule> categories(Object value, List<FieldProblem> problems) {
        Map<String, RuleSet.CategoryRule> rules = new LinkedHashMap<>();
        if (value == null) {
            problems.add(new FieldProblem("categories", "is required: a mapping of category code to its rule"));
            return rules;
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(new FieldProblem("categories", "must be a mapping of category code to its rule"));
            return rules;
        }
        if (map.isEmpty()) {
            problems.add(new FieldProblem("categories", "must define at least one category"));
        }
        if (map.size() > MAX_CATEGORIES) {
            problems.add(new FieldProblem("categories", "must define at most " + MAX_CATEGORIES + " categories"));
            return rules;
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String code = String.valueOf(entry.getKey());
            String path = "categories." + code;
            if (!(entry.getKey() instanceof String) || !CATEGORY_CODE.matcher(code).matches()) {
                problems.add(new FieldProblem(path, "is not a valid category code (upper-case letters, digits and _,"
                        + " starting with a letter, at most 40)"));
                continue;
            }
            RuleSet.CategoryRule rule = category(code, path, entry.getValue(), problems);
            if (rule != null) {
                rules.put(code, rule);
            }
        }
        return rules;
    }

    private RuleSet.CategoryRule category(String code, String path, Object value, List<FieldProblem> problems) {
        if (!(value instanceof Map<?, ?> fields)) {
            problems.add(new FieldProblem(path, "must be a mapping with name, class, tier, lead, coHandleByTownship,"
                    + " coHandlers and keywords"));
            return null;
        }
        int before = problems.size();
        for (Object key : fields.keySet()) {
            if (!CATEGORY_FIELDS.contains(String.valueOf(key))) {
                problems.add(new FieldProblem(path + "." + key, "is not a field of a category (expected name, class,"
                        + " tier, lead, coHandleByTownship, coHandlers, keywords)"));
            }
        }
        String name = text(fields.get("name"));
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            problems.add(new FieldProblem(path + ".name", "is required: text of at most " + MAX_NAME_LENGTH
                    + " characters"));
        }
        String petitionClass = text(fields.get("class"));
        if (petitionClass == null || !CLASSES.contains(petitionClass)) {
            problems.add(new FieldProblem(path + ".class", "is required: one of SUGGESTION, ACCUSATION, CLAIM"));
        }
        String tier = text(fields.get("tier"));
        if (tier == null || !TIERS.contains(tier)) {
            problems.add(new FieldProblem(path + ".tier", "is required: COUNTY (the competent department leads) or"
                    + " TOWNSHIP (the township of the petition's division leads)"));
        }

        Object leadValue = fields.get("lead");
        String lead = null;
        if (leadValue != null) {
            lead = text(leadValue);
            if (lead == null) {
                problems.add(new FieldProblem(path + ".lead", "must be a department code"));
            } else if ("TOWNSHIP".equals(tier)) {
                problems.add(new FieldProblem(path + ".lead", "must be left out for tier TOWNSHIP: the township of the"
                        + " petition's division leads"));
            } else {
                checkDepartment(path + ".lead", lead, problems);
            }
        }

        Object byTownshipValue = fields.get("coHandleByTownship");
        boolean byTownship = false;
        if (byTownshipValue != null) {
            if (!(byTownshipValue instanceof Boolean b)) {
                problems.add(new FieldProblem(path + ".coHandleByTownship", "must be true or false"));
            } else {
                byTownship = b;
                if (b && "TOWNSHIP".equals(tier)) {
                    problems.add(new FieldProblem(path + ".coHandleByTownship", "must not be true for tier TOWNSHIP:"
                            + " the township already leads"));
                }
            }
        }

        List<String> coHandlers = strings(path + ".coHandlers", fields.get("coHandlers"), problems);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < coHandlers.size(); i++) {
            String department = coHandlers.get(i);
            String at = path + ".coHandlers[" + i + "]";
            if (department == null) {
                continue;
            }
            if (!seen.add(department)) {
                problems.add(new FieldProblem(at, "repeats a co-handler"));
            } else if (department.equals(lead)) {
                problems.add(new FieldProblem(at, "is the lead; a department does not co-handle its own case"));
            } else {
                checkDepartment(at, department, problems);
            }
        }

        if ("COUNTY".equals(tier) && leadValue == null && (!coHandlers.isEmpty() || byTownship)) {
            problems.add(new FieldProblem(path + ".lead", "is required when co-handlers are given: a category without"
                    + " a lead goes to triage, so its co-handlers would never be asked"));
        }
        if ("ACCUSATION".equals(petitionClass)) {
            boolean discipline = lead != null && county.department(lead).map(d -> "DISCIPLINE".equals(d.kind()))
                    .orElse(false);
            if (!"COUNTY".equals(tier) || !discipline) {
                problems.add(new FieldProblem(path + ".lead", "an ACCUSATION (检举控告) category must have tier COUNTY"
                        + " and be led by the discipline body (a department of kind DISCIPLINE)"));
            }
        }

        List<String> keywords = strings(path + ".keywords", fields.get("keywords"), problems);
        Set<String> seenKeywords = new HashSet<>();
        for (int i = 0; i < keywords.size(); i++) {
            String keyword = keywords.get(i);
            String at = path + ".keywords[" + i + "]";
            if (keyword == null) {
                continue;
            }
            if (keyword.isBlank() || keyword.length() > MAX_KEYWORD_LENGTH) {
                problems.add(new FieldProblem(at, "must be non-blank text of at most " + MAX_KEYWORD_LENGTH
                        + " characters"));
            } else if (!seenKeywords.add(keyword)) {
                problems.add(new FieldProblem(at, "repeats a keyword of this category"));
            }
        }
        if (keywords.size() > MAX_KEYWORDS) {
            problems.add(new FieldProblem(path + ".keywords", "must list at most " + MAX_KEYWORDS + " keywords"));
        }
        if (keywords.isEmpty() && !CATCH_ALL_CATEGORY.equals(code)) {
            problems.add(new FieldProblem(path + ".keywords", "must list at least one keyword (only "
                    + CATCH_ALL_CATEGORY + " may have none)"));
        }
        if (problems.size() > before) {
            return null;
        }
        return new RuleSet.CategoryRule(code, name, petitionClass, tier, lead, byTownship, coHandlers, keywords);
    }

    /** A county-level department of the county: not a township government (those answer through 属地). */
    private void checkDepartment(String path, String code, List<FieldProblem> problems) {
        county.department(code).ifPresentOrElse(d -> {
            if ("TOWNSHIP".equals(d.kind())) {
                problems.add(new FieldProblem(path, "is a township government; townships take part through tier"
                        + " TOWNSHIP or coHandleByTownship, which pick the township of each petition's division"));
            }
        }, () -> problems.add(new FieldProblem(path, "is not a department of the county")));
    }

    private Map<String, String> townships(Object value, List<FieldProblem> problems) {
        Map<String, String> townships = new LinkedHashMap<>();
        if (value == null) {
            county.townships().forEach((code, t) -> townships.put(code, t.department()));
            return townships;
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new FieldProblem("townships", "must be a list of {code, name, department}"));
            return townships;
        }
        Set<String> departments = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "townships[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> fields)) {
                problems.add(new FieldProblem(path, "must be a mapping {code, name, department}"));
                continue;
            }
            for (Object key : fields.keySet()) {
                if (!TOWNSHIP_FIELDS.contains(String.valueOf(key))) {
                    problems.add(new FieldProblem(path + "." + key, "is not a field of a township (expected code, name,"
                            + " department)"));
                }
            }
            String code = text(fields.get("code"));
            String department = text(fields.get("department"));
            if (code == null || !county.townships().containsKey(code)) {
                problems.add(new FieldProblem(path + ".code", code != null && county.villages().containsKey(code)
                        ? "is a village; list the townships (9-digit divisions) of the county"
                        : "is not a township (9-digit division) of the county"));
            } else if (townships.containsKey(code)) {
                problems.add(new FieldProblem(path + ".code", "lists a township twice"));
            }
            if (department == null || county.department(department).isEmpty()) {
                problems.add(new FieldProblem(path + ".department", "is not a department of the county"));
            } else if (!"TOWNSHIP".equals(county.department(department).get().kind())) {
                problems.add(new FieldProblem(path + ".department", "must be a township government (kind TOWNSHIP)"));
            } else if (!departments.add(department)) {
                problems.add(new FieldProblem(path + ".department", "already answers for another township"));
            }
            if (code != null && department != null && county.townships().containsKey(code)) {
                townships.putIfAbsent(code, department);
            }
        }
        Set<String> missing = new LinkedHashSet<>(county.townships().keySet());
        missing.removeAll(townships.keySet());
        if (!missing.isEmpty()) {
            problems.add(new FieldProblem("townships", "must list every township of the county; missing "
                    + String.join(", ", missing)));
        }
        return townships;
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** A list of text; a non-text item is reported and kept as {@code null} so that indexes stay right. */
    private static List<String> strings(String path, Object value, List<FieldProblem> problems) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add(new FieldProblem(path, "must be a list"));
            return List.of();
        }
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                problems.add(new FieldProblem(path + "[" + i + "]", "must be text"));
                out.add(null);
            }
        }
        return out;
    }
}

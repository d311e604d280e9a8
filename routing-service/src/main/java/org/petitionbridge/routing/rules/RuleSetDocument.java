package org.petitionbridge.routing.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.petitionbridge.service.county.CountyReference;

/**
 * A rule set written as a document, in the format of {@code demo-county.yaml}'s {@code categories} and
 * {@code townships} sections: what the API answers, what the database stores, and what
 * {@link RuleSetValidator} reads back. Every field is written out, so that an answer can be edited and posted
 * as a new version.
 */
public final class RuleSetDocument {

    private RuleSetDocument() {
    }

    /** The categories section: code to {name, class, tier, lead, coHandleByTownship, coHandlers, keywords}. */
    public static Map<String, Object> categories(RuleSet rules) {
        Map<String, Object> categories = new LinkedHashMap<>();
        rules.categories().forEach((code, rule) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("name", rule.name());
            fields.put("class", rule.petitionClass());
            fields.put("tier", rule.tier());
            fields.put("lead", rule.lead());
            fields.put("coHandleByTownship", rule.coHandleByTownship());
            fields.put("coHandlers", rule.coHandlers());
            fields.put("keywords", rule.keywords());
            categories.put(code, fields);
        });
        return categories;
    }

    /** The townships section: [{code, name, department}], names from the county's reference data. */
    public static List<Map<String, Object>> townships(RuleSet rules, CountyReference county) {
        List<Map<String, Object>> townships = new ArrayList<>();
        rules.townshipDepartments().forEach((code, department) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("code", code);
            CountyReference.Township township = county.townships().get(code);
            fields.put("name", township == null ? null : township.name());
            fields.put("department", department);
            townships.add(fields);
        });
        return townships;
    }

    /** The whole document: {categories, townships}. */
    public static Map<String, Object> of(RuleSet rules, CountyReference county) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("categories", categories(rules));
        document.put("townships", townships(rules, county));
        return document;
    }
}

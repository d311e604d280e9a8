package org.petitionbridge.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of each ledger action, in Chinese: its name and the fields the ledger's API takes (docs/ledger.md,
 * "Actions"). Which actions a person is offered is the ledger's answer ({@code GET /api/v1/cases/{no}/actions});
 * whether a filled form is accepted is the ledger's too: this class only lays the forms out.
 */
public final class ActionForms {

    /** One field: its API name, its label, and its choices (empty: free text; {@code long}: a text area). */
    public record Field(String name, String label, Map<String, String> choices, boolean longText) {

        static Field text(String name, String label) {
            return new Field(name, label, Map.of(), false);
        }

        static Field area(String name, String label) {
            return new Field(name, label, Map.of(), true);
        }

        static Field choice(String name, String label, String... pairs) {
            Map<String, String> choices = new LinkedHashMap<>();
            for (int i = 0; i + 1 < pairs.length; i += 2) {
                choices.put(pairs[i], pairs[i + 1]);
            }
            return new Field(name, label, choices, false);
        }

        public boolean isChoice() {
            return !choices.isEmpty();
        }
    }

    /** An action's form. */
    public record Form(String type, String label, List<Field> fields) {
    }

    private static final Map<String, Form> FORMS = new LinkedHashMap<>();

    static {
        add("ACKNOWLEDGE", "签收并告知", Field.text("responsiblePerson", "责任人"),
                Field.choice("notifiedBy", "告知方式", "PHONE", "电话", "SMS", "短信", "LETTER", "书面", "IN_PERSON",
                        "当面", "ONLINE", "网上"));
        add("OBJECT", "提出异议（退单）", Field.area("reasons", "异议理由"));
        add("OBJECTION_DECISION", "审核异议", Field.choice("decision", "审核结果", "ACCEPT", "同意（重新分办）", "REJECT",
                "不同意"), Field.area("reason", "理由"));
        add("PROGRESS", "记录办理进展", Field.area("note", "进展"));
        add("CO_OPINION", "协办意见", Field.area("opinion", "意见"));
        add("REQUEST_EXTENSION", "申请延期", Field.text("days", "延长天数（1–30）"), Field.area("reason", "理由"));
        add("EXTENSION_DECISION", "审批延期", Field.choice("decision", "审批结果", "APPROVE", "同意", "REFUSE", "不同意"));
        add("REDIRECT", "导入法定程序", Field.choice("procedure", "程序", "LITIGATION", "诉讼", "ARBITRATION", "仲裁",
                "ADMINISTRATIVE_REVIEW", "行政复议"), Field.area("guidance", "告知内容"));
        add("REPLY", "出具答复意见", Field.choice("outcome", "处理结果", "SUPPORT", "支持", "EXPLAIN", "解释说明",
                "NOT_SUPPORT", "不支持"), Field.area("facts", "查明事实"), Field.area("reasons", "处理理由"),
                Field.text("legalBasis", "法律政策依据"));
        add("EVALUATE", "回访评价", Field.choice("satisfaction", "信访人评价", "SATISFIED", "满意", "BASICALLY_SATISFIED",
                "基本满意", "DISSATISFIED", "不满意"));
        add("CLOSE", "销号");
        add("REVIEW_REQUEST", "登记复查申请", Field.area("reason", "申请理由"));
        add("REVIEW_DECISION", "复查决定", Field.choice("outcome", "复查结果", "UPHELD", "维持", "CHANGED", "变更",
                "REVOKED", "撤销"), Field.area("reasons", "理由"));
        add("RECHECK_REQUEST", "登记复核申请", Field.area("reason", "申请理由"));
        add("RECHECK_DECISION", "复核决定", Field.choice("outcome", "复核结果", "UPHELD", "维持", "CHANGED", "变更",
                "REVOKED", "撤销"), Field.area("reasons", "理由"));
        add("SUPERVISE", "督办", Field.area("note", "督办意见"));
    }

    private ActionForms() {
    }

    private static void add(String type, String label, Field... fields) {
        FORMS.put(type, new Form(type, label, List.of(fields)));
    }

    /** The forms of the given action types, in the ledger's order (an unknown type gets a form without fields). */
    public static List<Form> of(List<?> types) {
        return types.stream().map(String::valueOf)
                .map(t -> FORMS.getOrDefault(t, new Form(t, t, List.of()))).toList();
    }

    /** The Chinese name of an action (the history's too). */
    public static String label(Object type) {
        if (type == null) {
            return "";
        }
        Form form = FORMS.get(type.toString());
        return form == null ? HISTORY.getOrDefault(type.toString(), type.toString()) : form.label();
    }

    /** Names of what the history records beside the actions (the ledger's own steps). */
    private static final Map<String, String> HISTORY = Map.ofEntries(Map.entry("RECEIVED", "登记"),
            Map.entry("ROUTED", "交办"), Map.entry("TRIAGED", "转人工分办"), Map.entry("ASSIGNED", "交办"),
            Map.entry("REPEAT_ATTACHED", "重复信访并案"), Map.entry("OBJECTION_ACCEPTED", "异议获准"),
            Map.entry("OBJECTION_REJECTED", "异议未获准"), Map.entry("EXTENSION_APPROVED", "延期获准"),
            Map.entry("EXTENSION_REFUSED", "延期未获准"), Map.entry("DEADLINE_REACHED", "到期提醒"));
}

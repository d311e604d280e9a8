package org.petitionbridge.risk.warnings;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;

/**
 * What a warning says, in the words a clerk reads: what happened, against which rule, and who answers for it.
 * Places, categories and departments by their names in the county's reference; petitions by number only.
 */
final class Explanations {

    /** What a bureau-only warning adds to its explanation. */
    static final String BUREAU_ONLY = "（本预警含对属地或主管部门的投诉，按回避规定仅信访局可见；该部门所见的同一情形预警不含这些信访。）";

    private final CountyReference county;
    private final WarningRules rules;

    Explanations(CountyReference county, WarningRules rules) {
        this.county = county;
        this.rules = rules;
    }

    /** The township's government (属地) and the category's competent department (主管), as the reference names them. */
    List<String> responsible(String township, String category) {
        Set<String> departments = new LinkedHashSet<>();
        if (township != null && county.townships().containsKey(township)) {
            departments.add(county.townships().get(township).department());
        }
        county.category(category == null ? "" : category).map(CountyReference.Category::lead)
                .ifPresent(departments::add);
        return new ArrayList<>(departments);
    }

    /**
     * @param window the most petitions in one window of the rule's days
     * @param total  the petitions the warning names (more, when it stayed open longer than a window)
     */
    String cluster(String township, String category, int window, int total, WarningLevel level) {
        WarningRules.Cluster rule = rules.cluster();
        return "%s预警（%s）：%s %d 天内收到「%s」信访 %d 件%s。规则：同一乡镇同一类别 %d 天内 %d 件及以上预警，%d 件橙色，%d 件红色。"
                .formatted(WarningType.CLUSTER.chinese(), level.chinese(), township(township), rule.days(),
                        category(category), window, total > window ? "（本预警共 " + total + " 件）" : "",
                        rule.days(), rule.petitions(), 2 * rule.petitions(), 3 * rule.petitions());
    }

    String spike(String township, String category, int current, List<Integer> trailing, WarningLevel level) {
        WarningRules.Spike rule = rules.spike();
        double average = trailing.stream().mapToInt(Integer::intValue).average().orElse(0);
        String scope = township != null ? township(township) : "全县「" + category(category) + "」类";
        return ("%s预警（%s）：%s近 %d 天收到信访 %d 件，此前 %d 个 %d 天周期平均每期 %.1f 件（依次为 %s 件）。"
                + "规则：近 %d 天至少 %d 件，且超过此前 %d 期平均的 %d%% 即预警，超过 %d%% 为橙色。")
                .formatted(WarningType.SPIKE.chinese(), level.chinese(), scope, rule.days(), current,
                        rule.trailingPeriods(), rule.days(), average,
                        String.join("、", trailing.stream().map(String::valueOf).toList()), rule.days(),
                        rule.minimum(), rule.trailingPeriods(), rule.factorPercent(), 2 * rule.factorPercent());
    }

    String group(WarningDetector.Fact f, WarningLevel level) {
        return "%s预警（%s）：%s %d 人就「%s」问题集体信访（%s），须立即关注、及时化解。规则：5 人及以上为集体访，一经登记即预警；%d 人及以上为红色。"
                .formatted(WarningType.GROUP_PETITION.chinese(), level.chinese(), place(f.divisionCode()),
                        f.groupSize(), category(f.category()), f.petitionNo(), rules.group().redFromPeople());
    }

    /** @param first the matter's first petition when the warning names it, else null */
    String repeat(String first, List<String> chain, int times, WarningLevel level) {
        WarningRules.Repeat rule = rules.repeat();
        return "%s预警（%s）：同一事项已第 %d 次信访（%s%s），可能形成缠访，须查明诉求为何未解决。规则：同一事项第 %d 次起预警，第 %d 次橙色，第 %d 次起红色。"
                .formatted(WarningType.REPEAT.chinese(), level.chinese(), times, first == null ? "" : "首次 " + first + "；",
                        WarningDetector.numbers(chain), rule.times(), rule.orangeFrom(), rule.redFrom());
    }

    /** @param highIssues the project's open HIGH-risk issues found by screening, which count as petitions do */
    String project(WarningDetector.ProjectFacts project, List<WarningDetector.Fact> petitions, int highIssues,
            boolean contradicted, boolean anyGroup, WarningLevel level) {
        WarningRules.Project rule = rules.project();
        Set<String> categories = new LinkedHashSet<>();
        petitions.forEach(p -> categories.add("「" + category(p.category()) + "」"));
        String head = contradicted
                ? "稳评结论与信访态势不符：项目「%s」经社会稳定风险评估为低风险%s，但".formatted(project.name(),
                        "PROCEEDING".equals(project.status()) ? "并已决定实施" : "")
                : "项目「%s」".formatted(project.name());
        return ("%s预警（%s）：%s %d 天内项目所涉村（社区）已有 %d 件%s信访（%s）%s。%s负责该项目，须会同信访局研判化解%s。"
                + "规则：%d 天内关联信访 %d 件及以上（排查发现的未化解高风险矛盾纠纷计入）或出现集体访即预警；稳评为低风险或出现集体访为红色。")
                .formatted(WarningType.PROJECT.chinese(), level.chinese(), head, rule.days(), petitions.size(),
                        String.join("", categories), WarningDetector.numbers(petitions.stream()
                                .map(WarningDetector.Fact::petitionNo).toList()),
                        (anyGroup ? "，其中有集体访" : "")
                                + (highIssues > 0 ? "；排查另发现 " + highIssues + " 件高风险矛盾纠纷" : ""),
                        department(project.department()),
                        contradicted ? "，并重新评估风险" : "", rule.days(), rule.petitions());
    }

    /** Each rule in force, in one sentence a clerk reads (GET /api/v1/warnings/rules). */
    static List<String> describe(WarningRules rules) {
        WarningRules.Cluster c = rules.cluster();
        WarningRules.Spike sp = rules.spike();
        WarningRules.Repeat r = rules.repeat();
        WarningRules.Project p = rules.project();
        return List.of(
                "CLUSTER 聚集：同一乡镇同一类别 %d 天内 %d 件及以上为黄色，%d 件橙色，%d 件红色".formatted(c.days(),
                        c.petitions(), 2 * c.petitions(), 3 * c.petitions()),
                "SPIKE 激增：一个乡镇或一个类别近 %d 天至少 %d 件，且超过此前 %d 个 %d 天周期平均的 %d%%（黄色），超过 %d%% 为橙色"
                        .formatted(sp.days(), sp.minimum(), sp.trailingPeriods(), sp.days(), sp.factorPercent(),
                                2 * sp.factorPercent()),
                "GROUP_PETITION 集体访：5 人及以上的集体访一经登记即预警（橙色），%d 人及以上红色"
                        .formatted(rules.group().redFromPeople()),
                "REPEAT 重复访：同一事项第 %d 次信访起预警（黄色），第 %d 次橙色，第 %d 次起红色".formatted(r.times(),
                        r.orangeFrom(), r.redFrom()),
                "PROJECT 项目：%d 天内关联项目的信访 %d 件及以上或出现集体访（橙色）；项目稳评为低风险（稳评结论与信访态势不符）或出现集体访为红色，送项目负责部门和信访局"
                        .formatted(p.days(), p.petitions()),
                "升级：红色预警 %s内无责任单位签收，提请信访局督办".formatted(duration(rules.escalation().redUnacknowledged())),
                "同一情形只预警一次：预警未办结时，新的信访并入该预警并更新；办结或撤销后，只计其后收到的信访");
    }

    /** A duration as a clerk reads it: 12 小时, 30 分钟, 1 小时 30 分钟. */
    static String duration(java.time.Duration d) {
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        return hours == 0 ? Math.max(minutes, 1) + " 分钟"
                : minutes == 0 ? hours + " 小时" : hours + " 小时 " + minutes + " 分钟";
    }

    private String township(String code) {
        return Optional.ofNullable(county.townships().get(code)).map(CountyReference.Township::name).orElse(code);
    }

    private String place(String division) {
        CountyReference.Village village = county.villages().get(division);
        if (village == null) {
            return township(division);
        }
        return township(village.township()) + village.name();
    }

    private String category(String code) {
        return code == null ? "未分类" : county.category(code).map(CountyReference.Category::name).orElse(code);
    }

    private String department(String code) {
        return county.department(code).map(CountyReference.Department::name).orElse(code);
    }
}

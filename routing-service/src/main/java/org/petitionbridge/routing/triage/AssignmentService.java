package org.petitionbridge.routing.triage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.decisions.DecisionLog;
import org.petitionbridge.routing.objections.ObjectionService;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleSet;
import org.petitionbridge.routing.rules.RuleSetStore;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bureau's side of routing: the petitions waiting for it (triage), and manual assignment (人工分办), which
 * publishes a decision with source MANUAL. The rules that protect petitioners hold here too: the department a
 * petition complains about never handles it, and a department whose objection the bureau accepted is not given the
 * petition again.
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);

    static final int MAX_REASON_LENGTH = 500;
    static final int MAX_CO_HANDLERS = 10;
    /** Runs of digits as long as a phone or an ID number: the reason is published, so it must carry neither. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\d{7,}|\\d{17}[\\dXx]");

    private final JdbcClient jdbc;
    private final DecisionLog decisions;
    private final ObjectionService objections;
    private final RuleSetStore rules;
    private final CountyReference county;
    private final LedgerCases cases;
    private final VisibilityPolicy visibility;

    AssignmentService(JdbcClient jdbc, DecisionLog decisions, ObjectionService objections, RuleSetStore rules,
            CountyReference county, LedgerCases cases, VisibilityPolicy visibility) {
        this.cases = cases;
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.objections = objections;
        this.rules = rules;
        this.county = county;
    }

    /** A petition waiting for the bureau, with why no rule could place it. */
    public record TriageEntry(String petitionNo, String divisionCode, String subject, String category,
            String suggestedCategory, List<String> candidates, List<String> matchedKeywords, String reason,
            Integer ruleSetVersion, Instant triagedAt) {
    }

    /**
     * The petitions waiting for the caller as their acting bureau (VisibilityPolicy.actingBureau: the bureau, or the
     * supervisor for a petition complaining about the bureau), longest waiting first. A petition waits while the
     * ledger has it in TRIAGE, or, before the ledger has said anything of it, while routing's newest decision sent it
     * to the bureau. A petition barring the caller's department is never listed (回避, 信访工作条例 Art 46(5)).
     */
    @Transactional(readOnly = true)
    /**
     * @param viewer the department whose bar keeps a petition from the caller (VisibilityPolicy.barredViewer)
     * @param all    every waiting petition (the county leader), not only those the caller acts on as the bureau
     */
    public List<TriageEntry> waiting(int limit, String viewer, boolean all) {
        return jdbc.sql("""
                select p.petition_no, p.division_code, p.subject, d.category, d.suggested_category, d.candidates,
                    d.matched_keywords, d.explanation, d.rule_set_version, coalesce(p.triaged_at, c.occurred_at) as waiting_since
                from petition p
                left join ledger_case c on c.petition_no = p.petition_no
                join lateral (select * from routing_decision r where r.petition_no = p.petition_no
                              order by r.decided_at desc limit 1) d on true
                where (c.status = 'TRIAGE' or (c.status is null and p.awaiting_triage))
                    and not (? = any (p.barred)) and (? or p.acting_bureau = ?)
                order by waiting_since, p.petition_no
                limit ?""")
                .params(viewer, all, viewer, limit)
                .query((rs, i) -> new TriageEntry(rs.getString("petition_no"), rs.getString("division_code"),
                        rs.getString("subject"), rs.getString("category"), rs.getString("suggested_category"),
                        SqlArrays.strings(rs, "candidates"), SqlArrays.strings(rs, "matched_keywords"),
                        rs.getString("explanation"), (Integer) rs.getObject("rule_set_version"),
                        rs.getTimestamp("waiting_since").toInstant()))
                .list();
    }

    /** A manual assignment as the bureau posts it. */
    public record Assignment(String petitionNo, String lead, List<String> coHandlers, String reason) {
    }

    /**
     * Assigns a petition by hand and publishes the decision (source MANUAL), recording who assigned it.
     *
     * @param assignedBy       who assigns, as the caller's verified token names it (its department code, else its
     *                         client id); never taken from the request
     * @param callerDepartment the department the caller's token acts for, or null
     *
     * @throws InvalidRequestException listing every bad field
     * @throws NotFoundException       when routing never received the petition, or (the very same answer) when the
     *                                 petition bars the caller's own department, which learns nothing of it (回避)
     * @throws ForbiddenException      403 when the caller is not the petition's acting bureau (rule
     *                                 {@code only-acting-bureau-assigns})
     * @throws ConflictException       409 when the ledger would not apply the assignment (rule
     *                                 {@code case-not-assignable}, with the reason in Chinese), or when it would give
     *                                 the petition to a department its complaint bars (rule {@code recusal}) or to
     *                                 one whose objection was accepted (rule {@code objection-accepted})
     */
    @Transactional
    public DecisionLog.DecisionView assign(Assignment request, String assignedBy, String callerDepartment) {
        List<String> coHandlers = validate(request);
        decisions.lock(request.petitionNo());
        PetitionFacts facts = decisions.facts(request.petitionNo())
                .filter(f -> callerDepartment == null || !f.barred().contains(callerDepartment))
                .orElseThrow(() -> new NotFoundException("Routing has no petition " + request.petitionNo()));
        if (!visibility.actsAsBureau(callerDepartment, facts.barred())) {
            throw new ForbiddenException("only-acting-bureau-assigns", "只有信访局可以人工分办；本件由 "
                    + visibility.actingBureau(facts.barred()) + " 行使信访局职责");
        }
        Optional<String> refused = cases.find(request.petitionNo())
                .flatMap(c -> CaseStatuses.whyNotAssignable(c.status(), c.attachedTo()));
        if (refused.isPresent()) {
            throw new ConflictException("case-not-assignable", refused.get());
        }
        List<String> assigned = new ArrayList<>();
        assigned.add(request.lead());
        assigned.addAll(coHandlers);
        List<String> accused = assigned.stream().filter(facts.barred()::contains).toList();
        if (!accused.isEmpty()) {
            throw new ConflictException("recusal", "The petition complains about " + String.join(", ", accused)
                    + "; that department may not handle it, as lead or co-handler (回避)");
        }
        List<String> objected = objections.excludedDepartments(request.petitionNo()).stream()
                .filter(assigned::contains).toList();
        if (!objected.isEmpty()) {
            throw new ConflictException("objection-accepted", "The bureau accepted the objection (异议) of "
                    + String.join(", ", objected) + " to this petition; choose another department");
        }

        RuleSet active = rules.active();
        DecisionLog.DecisionView latest = decisions.latest(request.petitionNo()).orElse(null);
        String category = facts.category() != null ? facts.category()
                : latest == null ? null : latest.suggestedCategory();
        RuleSet.CategoryRule rule = category == null ? null : active.categories().get(category);
        StringBuilder explanation = new StringBuilder("信访局人工分办：由").append(name(request.lead())).append("主办");
        if (!coHandlers.isEmpty()) {
            explanation.append("；").append(String.join("、", coHandlers.stream().map(this::name).toList()))
                    .append("协办");
        }
        explanation.append("。理由：").append(request.reason().strip());
        RoutingDecision decision = new RoutingDecision(request.lead(), coHandlers, null, false, category,
                rule == null ? null : rule.petitionClass(), latest == null ? null : latest.suggestedCategory(),
                List.of(), List.of(), List.of("manual"), List.of(), null, explanation.toString());
        DecisionLog.DecisionView recorded = decisions.record(request.petitionNo(), decision, DecisionLog.MANUAL,
                "manual:" + UUID.randomUUID(), request.reason().strip(), assignedBy);
        log.info("Petition {} assigned by hand to {} by {}", request.petitionNo(), request.lead(), assignedBy);
        return recorded;
    }

    private List<String> validate(Assignment request) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.petitionNo() == null || request.petitionNo().isBlank()) {
            problems.add(new FieldProblem("petitionNo", "is required"));
        }
        if (request.lead() == null || request.lead().isBlank()) {
            problems.add(new FieldProblem("lead", "is required: the code of the lead (主办) department"));
        } else if (county.department(request.lead()).isEmpty()) {
            problems.add(new FieldProblem("lead", "is not a department of the county"));
        }
        List<String> coHandlers = request.coHandlers() == null ? List.of() : request.coHandlers();
        if (coHandlers.size() > MAX_CO_HANDLERS) {
            problems.add(new FieldProblem("coHandlers", "must name at most " + MAX_CO_HANDLERS + " departments"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < coHandlers.size(); i++) {
            String department = coHandlers.get(i);
            String field = "coHandlers[" + i + "]";
            if (department == null || county.department(department).isEmpty()) {
                problems.add(new FieldProblem(field, "is not a department of the county"));
            } else if (department.equals(request.lead())) {
                problems.add(new FieldProblem(field, "is the lead; a department does not co-handle its own case"));
            } else if (!seen.add(department)) {
                problems.add(new FieldProblem(field, "repeats a co-handler"));
            }
        }
        if (request.reason() == null || request.reason().isBlank()) {
            problems.add(new FieldProblem("reason", "is required: why the bureau assigns the petition this way"));
        } else if (request.reason().length() > MAX_REASON_LENGTH) {
            problems.add(new FieldProblem("reason", "must be at most " + MAX_REASON_LENGTH + " characters"));
        } else if (IDENTIFIER.matcher(request.reason()).find()) {
            problems.add(new FieldProblem("reason", "must not contain phone or ID numbers: the reason is published to"
                    + " the departments"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return List.copyOf(coHandlers);
    }

    private String name(String department) {
        return county.department(department).map(CountyReference.Department::name).orElse(department);
    }

}

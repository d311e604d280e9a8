package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.petitionbridge.ledger.clocks.ClockPolicy;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.petitionbridge.ledger.clocks.WorkingCalendar;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.InvalidRequestException;

/**
 * The rules of the ledger: which department may take which action in which state and within which time limit,
 * and what each action changes. A refusal names its rule: 403 when the department may not take the action,
 * 409 when the state or the clock does not allow it now.
 */
public class CaseStateMachine {

    static final Set<String> TYPES = Set.of("ACKNOWLEDGE", "OBJECT", "OBJECTION_DECISION", "PROGRESS", "CO_OPINION",
            "REQUEST_EXTENSION", "EXTENSION_DECISION", "REDIRECT", "REPLY", "EVALUATE", "CLOSE", "REVIEW_REQUEST",
            "REVIEW_DECISION", "RECHECK_REQUEST", "RECHECK_DECISION", "SUPERVISE");

    private final ClockPolicy policy;
    private final WorkingCalendar calendar;

    public CaseStateMachine(ClockPolicy policy, WorkingCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    /** What an accepted action did: the action name of the status event and a line for the history. */
    public record Applied(String action, String summary, String objectingDepartment) {
    }

    /** Checks the fields an action needs; every missing or bad field is listed. */
    public void validate(ActionRequest r) {
        List<FieldProblem> p = new ArrayList<>();
        if (r.type() == null || !TYPES.contains(r.type())) {
            p.add(new FieldProblem("type", "must be one of " + new java.util.TreeSet<>(TYPES)));
            throw new InvalidRequestException(p);
        }
        switch (r.type()) {
            case "ACKNOWLEDGE" -> {
                required(p, "responsiblePerson", r.responsiblePerson(), 50);
                oneOf(p, "notifiedBy", r.notifiedBy(), Set.of("PHONE", "SMS", "LETTER", "IN_PERSON", "ONLINE"));
            }
            case "OBJECT" -> required(p, "reasons", r.reasons(), 2000);
            case "OBJECTION_DECISION" -> oneOf(p, "decision", r.decision(), Set.of("ACCEPT", "REJECT"));
            case "PROGRESS", "SUPERVISE" -> required(p, "note", r.note(), 2000);
            case "CO_OPINION" -> required(p, "opinion", r.opinion(), 5000);
            case "REQUEST_EXTENSION" -> {
                if (r.days() == null || r.days() < 1 || r.days() > policy.maxExtensionDays()) {
                    p.add(new FieldProblem("days", "is required: 1 to " + policy.maxExtensionDays() + " days"));
                }
                required(p, "reason", r.reason(), 2000);
            }
            case "EXTENSION_DECISION" -> oneOf(p, "decision", r.decision(), Set.of("APPROVE", "REFUSE"));
            case "REDIRECT" -> {
                oneOf(p, "procedure", r.procedure(), Set.of("LITIGATION", "ARBITRATION", "ADMINISTRATIVE_REVIEW"));
                required(p, "guidance", r.guidance(), 5000);
            }
            case "REPLY" -> {
                oneOf(p, "outcome", r.outcome(), Set.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT"));
                required(p, "facts", r.facts(), 10000);
                required(p, "reasons", r.reasons(), 10000);
                required(p, "legalBasis", r.legalBasis(), 2000);
            }
            case "EVALUATE" -> oneOf(p, "satisfaction", r.satisfaction(),
                    Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"));
            case "REVIEW_REQUEST", "RECHECK_REQUEST" -> required(p, "reason", r.reason(), 5000);
            case "REVIEW_DECISION", "RECHECK_DECISION" -> {
                oneOf(p, "outcome", r.outcome(), Set.of("UPHELD", "CHANGED", "REVOKED"));
                required(p, "reasons", r.reasons(), 10000);
            }
            default -> { }
        }
        if (!p.isEmpty()) {
            throw new InvalidRequestException(p);
        }
    }

    /** Applies an action of {@code actor} at {@code at} to the case, or refuses it naming the rule. */
    public Applied apply(CaseState c, String actor, ActionRequest r, Instant at) {
        validate(r);
        if (actor == null) {
            throw forbidden("token-names-no-department", "只有部门可以办理信访事项");
        }
        if ("TERMINATED".equals(c.status)) {
            throw refuse("case-terminated", "复核已作出，本事项已终结（TERMINATED）；不再接受任何处理动作");
        }
        if (c.attachedTo != null) {
            throw refuse("case-attached", "本件为重复信访，已并入 " + c.attachedTo + "；请在原件上办理");
        }
        if ("NOT_ACCEPTED".equals(c.status) || "REDIRECTED".equals(c.status)) {
            throw refuse("case-ended", "本件状态为 " + c.status + "，信访程序已结束");
        }
        LocalDate today = StatutoryClock.day(at);
        switch (r.type()) {
            case "ACKNOWLEDGE" -> {
                lead(c, actor, "only-lead-acknowledges", "只有主办单位可以签收");
                status(c, "acknowledge-needs-assignment", "签收须在交办（ASSIGNED）之后", "ASSIGNED");
                c.responsiblePerson = r.responsiblePerson();
                c.notifiedBy = r.notifiedBy();
                c.acknowledgedAt = at;
                c.replyDue = StatutoryClock.due(at, policy.replyDays());
                c.status = "ACKNOWLEDGED";
                return new Applied("ACKNOWLEDGE", "签收并告知信访人（" + r.notifiedBy() + "），责任人 " + r.responsiblePerson(), null);
            }
            case "OBJECT" -> {
                if (!c.isAssignedTo(actor)) {
                    throw forbidden("only-assigned-departments-object", "只有承办本件的单位可以提出异议");
                }
                status(c, "objection-needs-assignment", "异议须在交办后、答复前提出", "ASSIGNED", "ACKNOWLEDGED");
                if (c.objectionDue != null && today.isAfter(c.objectionDue)) {
                    throw refuse("objection-window-closed", "异议须在交办后 " + policy.objectionWorkingDays()
                            + " 个工作日内提出（截至 " + c.objectionDue + "）");
                }
                c.statusBeforeObjection = c.status;
                c.objectingDepartment = actor;
                c.status = "OBJECTED";
                return new Applied("OBJECT", "提出异议（退单）", null);
            }
            case "OBJECTION_DECISION" -> {
                bureau(c, actor, "only-bureau-decides-objections", "只有信访局可以审核异议");
                status(c, "no-objection-pending", "没有待审核的异议", "OBJECTED");
                String objecting = c.objectingDepartment;
                if (objecting == null) {
                    throw refuse("no-objection-pending", "没有待审核的异议（异议已获同意，等待重新分办）");
                }
                if ("ACCEPT".equals(r.decision())) {
                    if (!c.excludedDepartments.contains(objecting)) {
                        c.excludedDepartments.add(objecting);
                    }
                    // The objecting department leaves the case now: it loses access at once, whatever routing
                    // decides next (the ledger owns the assignment). The objection is decided: OBJECTED now waits
                    // for the new assignment only.
                    c.release(objecting);
                    c.objectingDepartment = null;
                    return new Applied("OBJECTION_ACCEPTED", "信访局同意 " + objecting + " 的异议，重新分办", objecting);
                }
                c.status = c.statusBeforeObjection;
                c.objectingDepartment = null;
                c.statusBeforeObjection = null;
                return new Applied("OBJECTION_REJECTED", "信访局不同意 " + objecting + " 的异议，继续办理", null);
            }
            case "PROGRESS" -> {
                if (!c.isAssignedTo(actor) && !actor.equals(c.actingBureau)) {
                    throw forbidden("only-assigned-departments-record-progress", "只有承办单位或信访局可以记录进展");
                }
                open(c);
                return new Applied("PROGRESS", "记录办理进展", null);
            }
            case "CO_OPINION" -> {
                if (actor == null || !c.coHandlers.contains(actor)) {
                    throw forbidden("only-co-handlers-give-opinions", "只有协办单位可以提出协办意见");
                }
                status(c, "co-opinion-while-handling", "协办意见须在办理期间提出", "ASSIGNED", "ACKNOWLEDGED", "EXTENDED");
                return new Applied("CO_OPINION", "协办单位 " + actor + " 提出协办意见", null);
            }
            case "REQUEST_EXTENSION" -> {
                lead(c, actor, "only-lead-requests-extension", "只有主办单位可以申请延期");
                if (c.extensionStatus != null) {
                    throw refuse("one-extension-only", "办理期限只能延长一次（已" + ("REQUESTED".equals(c.extensionStatus)
                            ? "申请" : "APPROVED".equals(c.extensionStatus) ? "批准" : "被拒绝") + "）");
                }
                status(c, "extension-needs-acceptance", "延期须在签收后、答复前申请", "ACKNOWLEDGED");
                if (today.isAfter(c.replyDue)) {
                    throw refuse("extension-after-deadline", "办理期限已于 " + c.replyDue + " 届满，不能再申请延期");
                }
                c.extensionStatus = "REQUESTED";
                c.extensionDays = r.days();
                return new Applied("REQUEST_EXTENSION", "申请延期 " + r.days() + " 日", null);
            }
            case "EXTENSION_DECISION" -> {
                if (!actor.equals(c.actingSupervisor)) {
                    throw forbidden("only-supervisor-decides-extensions", "延期须经上级机关（县人民政府办公室）批准");
                }
                if (!"REQUESTED".equals(c.extensionStatus)) {
                    throw refuse("no-extension-requested", "没有待批准的延期申请");
                }
                if ("APPROVE".equals(r.decision())) {
                    c.extensionStatus = "APPROVED";
                    c.replyDue = c.replyDue.plusDays(c.extensionDays);
                    c.status = "EXTENDED";
                    return new Applied("EXTENSION_APPROVED", "批准延期 " + c.extensionDays + " 日，至 " + c.replyDue, null);
                }
                c.extensionStatus = "REFUSED";
                return new Applied("EXTENSION_REFUSED", "不批准延期", null);
            }
            case "REDIRECT" -> {
                if (!actor.equals(c.actingBureau) && !actor.equals(c.lead)) {
                    throw forbidden("only-lead-or-bureau-redirects", "只有主办单位或信访局可以导入法定程序");
                }
                status(c, "redirect-while-handling", "导入法定程序须在办理期间", "ASSIGNED", "ACKNOWLEDGED", "EXTENDED");
                c.redirectProcedure = r.procedure();
                c.redirectedAt = at;
                c.status = "REDIRECTED";
                return new Applied("REDIRECT", "导入法定程序：" + r.procedure(), null);
            }
            case "REPLY" -> {
                lead(c, actor, "only-lead-replies", "只有主办单位可以答复");
                if ("ASSIGNED".equals(c.status)) {
                    throw refuse("reply-before-acknowledgement", "须先签收并告知信访人，才能答复");
                }
                status(c, "reply-while-handling", "答复须在签收后、办结前作出", "ACKNOWLEDGED", "EXTENDED");
                c.repliedAt = at;
                c.replyOutcome = r.outcome();
                c.reviewRequestDue = StatutoryClock.due(at, policy.reviewRequestDays());
                c.status = "REPLIED";
                return new Applied("REPLY", "出具处理意见书：" + r.outcome(), null);
            }
            case "EVALUATE" -> {
                bureau(c, actor, "only-bureau-evaluates", "回访评价由信访局记录");
                if (c.repliedAt == null) {
                    throw refuse("evaluate-needs-reply", "答复之后才能回访评价");
                }
                c.satisfaction = r.satisfaction();
                c.evaluatedAt = at;
                return new Applied("EVALUATE", "回访评价：" + r.satisfaction(), null);
            }
            case "CLOSE" -> {
                bureau(c, actor, "only-bureau-closes", "只有信访局可以销号");
                if (c.repliedAt == null) {
                    throw refuse("close-needs-reply", "销号须在书面答复之后");
                }
                status(c, "close-after-reply", "只有已答复或已复查的事项可以销号", "REPLIED", "REVIEWED");
                c.closedAt = at;
                c.status = "CLOSED";
                return new Applied("CLOSE", "销号", null);
            }
            case "REVIEW_REQUEST" -> {
                bureau(c, actor, "only-bureau-records-review-requests", "复查申请由信访局登记");
                status(c, "review-needs-reply", "复查申请须针对已答复的事项", "REPLIED", "CLOSED");
                if (c.reviewedAt != null || c.reviewRequestedAt != null) {
                    throw refuse("one-review-only", "本事项已申请过复查");
                }
                if (today.isAfter(c.reviewRequestDue)) {
                    throw refuse("review-window-closed", "复查须在收到答复之日起 " + policy.reviewRequestDays()
                            + " 日内申请（截至 " + c.reviewRequestDue + "）");
                }
                c.reviewRequestedAt = at;
                c.reviewDecisionDue = StatutoryClock.due(at, policy.reviewDecisionDays());
                c.status = "REVIEW_REQUESTED";
                return new Applied("REVIEW_REQUEST", "登记复查申请", null);
            }
            case "REVIEW_DECISION" -> {
                if (!actor.equals(c.actingSupervisor)) {
                    throw forbidden("only-supervisor-decides-reviews", "复查由上级机关（县人民政府办公室）作出");
                }
                status(c, "no-review-pending", "没有待决定的复查申请", "REVIEW_REQUESTED");
                c.reviewedAt = at;
                c.reviewOutcome = r.outcome();
                c.recheckRequestDue = StatutoryClock.due(at, policy.recheckRequestDays());
                c.status = "REVIEWED";
                return new Applied("REVIEW_DECISION", "复查意见：" + r.outcome(), null);
            }
            case "RECHECK_REQUEST" -> {
                bureau(c, actor, "only-bureau-records-recheck-requests", "复核申请由信访局登记");
                status(c, "recheck-needs-review", "复核申请须针对复查意见", "REVIEWED", "CLOSED");
                if (c.reviewedAt == null) {
                    throw refuse("recheck-needs-review", "复核申请须针对复查意见");
                }
                if (today.isAfter(c.recheckRequestDue)) {
                    throw refuse("recheck-window-closed", "复核须在收到复查意见之日起 " + policy.recheckRequestDays()
                            + " 日内申请（截至 " + c.recheckRequestDue + "）");
                }
                c.recheckRequestedAt = at;
                c.recheckDecisionDue = StatutoryClock.due(at, policy.recheckDecisionDays());
                c.status = "RECHECK_REQUESTED";
                return new Applied("RECHECK_REQUEST", "登记复核申请", null);
            }
            case "RECHECK_DECISION" -> {
                if (!actor.equals(c.actingSupervisor)) {
                    throw forbidden("only-supervisor-decides-rechecks", "复核由上级机关作出");
                }
                status(c, "no-recheck-pending", "没有待决定的复核申请", "RECHECK_REQUESTED");
                c.recheckedAt = at;
                c.recheckOutcome = r.outcome();
                c.status = "TERMINATED";
                return new Applied("RECHECK_DECISION", "复核意见：" + r.outcome() + "；信访事项终结", null);
            }
            case "SUPERVISE" -> {
                bureau(c, actor, "only-bureau-supervises", "督办由信访局作出");
                open(c);
                c.supervisionCount++;
                return new Applied("SUPERVISE", "督办（第 " + c.supervisionCount + " 次）", null);
            }
            default -> throw new IllegalStateException("unknown action " + r.type());
        }
    }

    /** The objection window of an assignment: 5 working days after the day of assignment. */
    public LocalDate objectionDue(Instant assignedAt) {
        return calendar.addWorkingDays(StatutoryClock.day(assignedAt), policy.objectionWorkingDays());
    }

    public ClockPolicy policy() {
        return policy;
    }

    private static void lead(CaseState c, String actor, String rule, String message) {
        if (actor == null || !actor.equals(c.lead)) {
            throw forbidden(rule, message);
        }
    }

    /**
     * The bureau's actions are taken by the case's acting bureau: the bureau, or for a petition complaining about it
     * the supervisor (VisibilityPolicy.actingBureau); the refusal names who may.
     */
    private static void bureau(CaseState c, String actor, String rule, String message) {
        if (!actor.equals(c.actingBureau)) {
            throw forbidden(rule, message + "（本件由 " + c.actingBureau + " 行使信访局职责）");
        }
    }

    private static void open(CaseState c) {
        if (CaseState.ENDED.contains(c.status)) {
            throw refuse("case-ended", "本件状态为 " + c.status + "，已不在办理中");
        }
    }

    private static void status(CaseState c, String rule, String message, String... allowed) {
        for (String s : allowed) {
            if (s.equals(c.status)) {
                return;
            }
        }
        throw refuse(rule, message + "（当前状态 " + c.status + "）");
    }

    private static ConflictException refuse(String rule, String message) {
        return new ConflictException(rule, message);
    }

    private static ForbiddenException forbidden(String rule, String message) {
        return new ForbiddenException(rule, message);
    }

    private static void required(List<FieldProblem> p, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            p.add(new FieldProblem(field, "is required"));
        } else if (value.length() > max) {
            p.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }

    private static void oneOf(List<FieldProblem> p, String field, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            p.add(new FieldProblem(field, "is required: one of " + new java.util.TreeSet<>(allowed)));
        }
    }
}

package org.petitionbridge.ledger.cases;

import static org.petitionbridge.events.CaseStatus.ACKNOWLEDGED;
import static org.petitionbridge.events.CaseStatus.ASSIGNED;
import static org.petitionbridge.events.CaseStatus.CLOSED;
import static org.petitionbridge.events.CaseStatus.EXTENDED;
import static org.petitionbridge.events.CaseStatus.NOT_ACCEPTED;
import static org.petitionbridge.events.CaseStatus.OBJECTED;
import static org.petitionbridge.events.CaseStatus.RECHECK_REQUESTED;
import static org.petitionbridge.events.CaseStatus.REDIRECTED;
import static org.petitionbridge.events.CaseStatus.REGISTERED;
import static org.petitionbridge.events.CaseStatus.REPLIED;
import static org.petitionbridge.events.CaseStatus.REVIEWED;
import static org.petitionbridge.events.CaseStatus.REVIEW_REQUESTED;
import static org.petitionbridge.events.CaseStatus.TERMINATED;
import static org.petitionbridge.events.CaseStatus.TRIAGE;
import static org.petitionbridge.ledger.cases.ActionRule.on;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.ledger.clocks.ClockPolicy;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.petitionbridge.ledger.clocks.WorkingCalendar;
import org.petitionbridge.service.problems.ConflictException;
import org.petitionbridge.service.problems.FieldProblem;
import org.petitionbridge.service.problems.ForbiddenException;
import org.petitionbridge.service.problems.InvalidRequestException;
import org.petitionbridge.service.problems.RuleRefusal;

/**
 * The rules of the ledger, and the only code that changes a case: how a registered petition opens one, how routing
 * decisions and triage apply to it, and which department may take which action in which state and within which time
 * limit, and what each action changes. The actions are a table ({@link #rules()}, one {@link ActionRule} per
 * {@link Action}). A refusal names its rule: 403 when the department may not take the action, 409 when the state or
 * the clock does not allow it now. Nothing here reads the database but the working calendar.
 */
public class CaseStateMachine {

    static final String NOT_ACCEPTED_AFTER_RECHECK =
            "同一信访事项已经复核终结（%s），不再受理（信访工作条例第三十五条）";

    /** The statuses in which a case is still being handled. */
    private static final Set<CaseStatus> OPEN = EnumSet.copyOf(Arrays.stream(CaseStatus.values())
            .filter(s -> !s.isEnded()).toList());
    private static final Set<CaseStatus> HANDLING = EnumSet.of(ASSIGNED, ACKNOWLEDGED, EXTENDED);

    private static final Set<String> NOTIFIED_BY = Set.of("PHONE", "SMS", "LETTER", "IN_PERSON", "ONLINE");
    private static final Set<String> OBJECTION_DECISIONS = Set.of("ACCEPT", "REJECT");
    private static final Set<String> EXTENSION_DECISIONS = Set.of("APPROVE", "REFUSE");
    private static final Set<String> PROCEDURES = Set.of("LITIGATION", "ARBITRATION", "ADMINISTRATIVE_REVIEW");
    private static final Set<String> REPLY_OUTCOMES = Set.of("SUPPORT", "EXPLAIN", "NOT_SUPPORT");
    private static final Set<String> SATISFACTION = Set.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
    private static final Set<String> DECISION_OUTCOMES = Set.of("UPHELD", "CHANGED", "REVOKED");

    private final ClockPolicy policy;
    private final WorkingCalendar calendar;
    private final Map<Action, ActionRule> rules;

    public CaseStateMachine(ClockPolicy policy, WorkingCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
        this.rules = table();
    }

    /** What an accepted action did: the action name of the status event and a line for the history. */
    public record Applied(String action, String summary, String objectingDepartment) {

        static Applied as(Action action, String summary) {
            return new Applied(action.name(), summary, null);
        }
    }

    /** The table of actions: one rule per action. */
    Map<Action, ActionRule> rules() {
        return rules;
    }

    private Map<Action, ActionRule> table() {
        List<ActionRule> table = List.of(
                on(Action.ACKNOWLEDGE)
                        .needs((r, p) -> {
                            required(p, "responsiblePerson", r.responsiblePerson(), 50);
                            oneOf(p, "notifiedBy", r.notifiedBy(), NOTIFIED_BY);
                        })
                        .by(Party.LEAD, "only-lead-acknowledges", "只有主办单位可以签收")
                        .from(EnumSet.of(ASSIGNED), "acknowledge-needs-assignment", "签收须在交办（ASSIGNED）之后")
                        .to(ACKNOWLEDGED)
                        .does((c, r, actor, at) -> {
                            c.acknowledged(r.responsiblePerson(), r.notifiedBy(), at,
                                    StatutoryClock.due(at, policy.replyDays()));
                            return Applied.as(Action.ACKNOWLEDGE, "签收并告知信访人（" + r.notifiedBy() + "），责任人 "
                                    + r.responsiblePerson());
                        }),
                on(Action.OBJECT)
                        .needs((r, p) -> required(p, "reasons", r.reasons(), 2000))
                        .by(Party.ASSIGNED, "only-assigned-departments-object", "只有承办本件的单位可以提出异议")
                        .from(EnumSet.of(ASSIGNED, ACKNOWLEDGED), "objection-needs-assignment", "异议须在交办后、答复前提出")
                        .refuse("objection-window-closed",
                                (c, today) -> c.objectionDue() != null && today.isAfter(c.objectionDue()),
                                c -> "异议须在交办后 " + policy.objectionWorkingDays() + " 个工作日内提出（截至 "
                                        + c.objectionDue() + "）")
                        .to(OBJECTED)
                        .does((c, r, actor, at) -> {
                            c.objected(actor);
                            return Applied.as(Action.OBJECT, "提出异议（退单）");
                        }),
                on(Action.OBJECTION_DECISION)
                        .needs((r, p) -> oneOf(p, "decision", r.decision(), OBJECTION_DECISIONS))
                        .by(Party.BUREAU, "only-bureau-decides-objections", "只有信访局可以审核异议")
                        .from(EnumSet.of(OBJECTED), "no-objection-pending", "没有待审核的异议")
                        .refuse("no-objection-pending", (c, today) -> c.objectingDepartment() == null,
                                "没有待审核的异议（异议已获同意，等待重新分办）")
                        // ACCEPT: OBJECTED, waiting for routing's new decision (REROUTE) without the department
                        .to(ActionRule.Target.onDecision("ACCEPT", ActionRule.Target.UNCHANGED,
                                ActionRule.Target.BEFORE_OBJECTION))
                        .does((c, r, actor, at) -> {
                            String objecting = c.objectingDepartment();
                            if ("ACCEPT".equals(r.decision())) {
                                c.objectionAccepted();
                                return new Applied("OBJECTION_ACCEPTED", "信访局同意 " + objecting + " 的异议，重新分办",
                                        objecting);
                            }
                            c.objectionRejected();
                            return new Applied("OBJECTION_REJECTED", "信访局不同意 " + objecting + " 的异议，继续办理", null);
                        }),
                on(Action.PROGRESS)
                        .needs((r, p) -> required(p, "note", r.note(), 2000))
                        .by(Party.ASSIGNED_OR_BUREAU, "only-assigned-departments-record-progress",
                                "只有承办单位或信访局可以记录进展")
                        .from(OPEN, "case-ended", CaseStateMachine::notHandledAnyMore)
                        .to(ActionRule.Target.UNCHANGED)
                        .does((c, r, actor, at) -> Applied.as(Action.PROGRESS, "记录办理进展")),
                on(Action.CO_OPINION)
                        .needs((r, p) -> required(p, "opinion", r.opinion(), 5000))
                        .by(Party.CO_HANDLER, "only-co-handlers-give-opinions", "只有协办单位可以提出协办意见")
                        .from(HANDLING, "co-opinion-while-handling", "协办意见须在办理期间提出")
                        .to(ActionRule.Target.UNCHANGED)
                        .does((c, r, actor, at) -> Applied.as(Action.CO_OPINION, "协办单位 " + actor + " 提出协办意见")),
                on(Action.REQUEST_EXTENSION)
                        .needs((r, p) -> {
                            if (r.days() == null || r.days() < 1 || r.days() > policy.maxExtensionDays()) {
                                p.add(new FieldProblem("days", "is required: 1 to " + policy.maxExtensionDays() + " days"));
                            }
                            required(p, "reason", r.reason(), 2000);
                        })
                        .by(Party.LEAD, "only-lead-requests-extension", "只有主办单位可以申请延期")
                        .refuseFirst("one-extension-only", (c, today) -> c.extensionStatus() != null,
                                c -> "办理期限只能延长一次（已" + c.extensionStatus().words() + "）")
                        .from(EnumSet.of(ACKNOWLEDGED), "extension-needs-acceptance", "延期须在签收后、答复前申请")
                        .refuse("extension-after-deadline", (c, today) -> today.isAfter(c.replyDue()),
                                c -> "办理期限已于 " + c.replyDue() + " 届满，不能再申请延期")
                        .to(ActionRule.Target.UNCHANGED)
                        .does((c, r, actor, at) -> {
                            c.extensionRequested(r.days());
                            return Applied.as(Action.REQUEST_EXTENSION, "申请延期 " + r.days() + " 日");
                        }),
                on(Action.EXTENSION_DECISION)
                        .needs((r, p) -> oneOf(p, "decision", r.decision(), EXTENSION_DECISIONS))
                        .by(Party.SUPERVISOR, "only-supervisor-decides-extensions", "延期须经上级机关（县人民政府办公室）批准")
                        .fromAny()
                        .refuse("no-extension-requested",
                                (c, today) -> c.extensionStatus() != ExtensionStatus.REQUESTED, "没有待批准的延期申请")
                        .to(ActionRule.Target.onDecision("APPROVE", ActionRule.Target.status(EXTENDED),
                                ActionRule.Target.UNCHANGED))
                        .does((c, r, actor, at) -> {
                            if ("APPROVE".equals(r.decision())) {
                                c.extensionApproved();
                                return new Applied("EXTENSION_APPROVED", "批准延期 " + c.extensionDays() + " 日，至 "
                                        + c.replyDue(), null);
                            }
                            c.extensionRefused();
                            return new Applied("EXTENSION_REFUSED", "不批准延期", null);
                        }),
                on(Action.REDIRECT)
                        .needs((r, p) -> {
                            oneOf(p, "procedure", r.procedure(), PROCEDURES);
                            required(p, "guidance", r.guidance(), 5000);
                        })
                        .by(Party.LEAD_OR_BUREAU, "only-lead-or-bureau-redirects", "只有主办单位或信访局可以导入法定程序")
                        .from(HANDLING, "redirect-while-handling", "导入法定程序须在办理期间")
                        .to(REDIRECTED)
                        .does((c, r, actor, at) -> {
                            c.redirected(r.procedure(), at);
                            return Applied.as(Action.REDIRECT, "导入法定程序：" + r.procedure());
                        }),
                on(Action.REPLY)
                        .needs((r, p) -> {
                            oneOf(p, "outcome", r.outcome(), REPLY_OUTCOMES);
                            required(p, "facts", r.facts(), 10000);
                            required(p, "reasons", r.reasons(), 10000);
                            required(p, "legalBasis", r.legalBasis(), 2000);
                        })
                        .by(Party.LEAD, "only-lead-replies", "只有主办单位可以答复")
                        .refuseFirst("reply-before-acknowledgement", (c, today) -> c.status() == ASSIGNED,
                                "须先签收并告知信访人，才能答复")
                        .from(EnumSet.of(ACKNOWLEDGED, EXTENDED), "reply-while-handling", "答复须在签收后、办结前作出")
                        .to(REPLIED)
                        .does((c, r, actor, at) -> {
                            c.replied(r.outcome(), at, StatutoryClock.due(at, policy.reviewRequestDays()));
                            return Applied.as(Action.REPLY, "出具处理意见书：" + r.outcome());
                        }),
                on(Action.EVALUATE)
                        .needs((r, p) -> oneOf(p, "satisfaction", r.satisfaction(), SATISFACTION))
                        .by(Party.BUREAU, "only-bureau-evaluates", "回访评价由信访局记录")
                        .fromAny()
                        .refuse("evaluate-needs-reply", (c, today) -> c.repliedAt() == null, "答复之后才能回访评价")
                        .to(ActionRule.Target.UNCHANGED)
                        .does((c, r, actor, at) -> {
                            c.evaluated(r.satisfaction(), at);
                            return Applied.as(Action.EVALUATE, "回访评价：" + r.satisfaction());
                        }),
                on(Action.CLOSE)
                        .by(Party.BUREAU, "only-bureau-closes", "只有信访局可以销号")
                        .refuseFirst("close-needs-reply", (c, today) -> c.repliedAt() == null, "销号须在书面答复之后")
                        .from(EnumSet.of(REPLIED, REVIEWED), "close-after-reply", "只有已答复或已复查的事项可以销号")
                        .to(CLOSED)
                        .does((c, r, actor, at) -> {
                            c.closed(at);
                            return Applied.as(Action.CLOSE, "销号");
                        }),
                on(Action.REVIEW_REQUEST)
                        .needs((r, p) -> required(p, "reason", r.reason(), 5000))
                        .by(Party.BUREAU, "only-bureau-records-review-requests", "复查申请由信访局登记")
                        .from(EnumSet.of(REPLIED, CLOSED), "review-needs-reply", "复查申请须针对已答复的事项")
                        .refuse("one-review-only", (c, today) -> c.reviewedAt() != null || c.reviewRequestedAt() != null,
                                "本事项已申请过复查")
                        .refuse("review-window-closed", (c, today) -> today.isAfter(c.reviewRequestDue()),
                                c -> "复查须在收到答复之日起 " + policy.reviewRequestDays() + " 日内申请（截至 "
                                        + c.reviewRequestDue() + "）")
                        .to(REVIEW_REQUESTED)
                        .does((c, r, actor, at) -> {
                            c.reviewRequested(at, StatutoryClock.due(at, policy.reviewDecisionDays()));
                            return Applied.as(Action.REVIEW_REQUEST, "登记复查申请");
                        }),
                on(Action.REVIEW_DECISION)
                        .needs(CaseStateMachine::decisionFields)
                        .by(Party.SUPERVISOR, "only-supervisor-decides-reviews", "复查由上级机关（县人民政府办公室）作出")
                        .from(EnumSet.of(REVIEW_REQUESTED), "no-review-pending", "没有待决定的复查申请")
                        .to(REVIEWED)
                        .does((c, r, actor, at) -> {
                            c.reviewed(r.outcome(), at, StatutoryClock.due(at, policy.recheckRequestDays()));
                            return Applied.as(Action.REVIEW_DECISION, "复查意见：" + r.outcome());
                        }),
                on(Action.RECHECK_REQUEST)
                        .needs((r, p) -> required(p, "reason", r.reason(), 5000))
                        .by(Party.BUREAU, "only-bureau-records-recheck-requests", "复核申请由信访局登记")
                        .from(EnumSet.of(REVIEWED, CLOSED), "recheck-needs-review", "复核申请须针对复查意见")
                        .refuse("recheck-needs-review", (c, today) -> c.reviewedAt() == null, "复核申请须针对复查意见")
                        .refuse("recheck-window-closed", (c, today) -> today.isAfter(c.recheckRequestDue()),
                                c -> "复核须在收到复查意见之日起 " + policy.recheckRequestDays() + " 日内申请（截至 "
                                        + c.recheckRequestDue() + "）")
                        .to(RECHECK_REQUESTED)
                        .does((c, r, actor, at) -> {
                            c.recheckRequested(at, StatutoryClock.due(at, policy.recheckDecisionDays()));
                            return Applied.as(Action.RECHECK_REQUEST, "登记复核申请");
                        }),
                on(Action.RECHECK_DECISION)
                        .needs(CaseStateMachine::decisionFields)
                        .by(Party.SUPERVISOR, "only-supervisor-decides-rechecks", "复核由上级机关作出")
                        .from(EnumSet.of(RECHECK_REQUESTED), "no-recheck-pending", "没有待决定的复核申请")
                        .to(TERMINATED)
                        .does((c, r, actor, at) -> {
                            c.rechecked(r.outcome(), at);
                            return Applied.as(Action.RECHECK_DECISION, "复核意见：" + r.outcome() + "；信访事项终结");
                        }),
                on(Action.SUPERVISE)
                        .needs((r, p) -> required(p, "note", r.note(), 2000))
                        .by(Party.BUREAU, "only-bureau-supervises", "督办由信访局作出")
                        .from(OPEN, "case-ended", CaseStateMachine::notHandledAnyMore)
                        .to(ActionRule.Target.UNCHANGED)
                        .does((c, r, actor, at) -> {
                            c.supervised();
                            return Applied.as(Action.SUPERVISE, "督办（第 " + c.supervisionCount() + " 次）");
                        }));
        Map<Action, ActionRule> byAction = new EnumMap<>(Action.class);
        for (ActionRule rule : table) {
            if (byAction.put(rule.action(), rule) != null) {
                throw new IllegalStateException("two rules for " + rule.action());
            }
        }
        if (byAction.size() != Action.values().length) {
            throw new IllegalStateException("no rule for " + EnumSet.complementOf(EnumSet.copyOf(byAction.keySet())));
        }
        return Collections.unmodifiableMap(byAction);
    }

    // ---- department actions ----

    /** Checks the fields an action needs; every missing or bad field is listed. */
    public void validate(ActionRequest r) {
        Optional<Action> action = Action.of(r.type());
        if (action.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldProblem("type", "must be one of " + Action.names())));
        }
        List<FieldProblem> p = new ArrayList<>();
        rules.get(action.get()).fields().check(r, p);
        if (!p.isEmpty()) {
            throw new InvalidRequestException(p);
        }
    }

    /**
     * Applies an action of {@code actor} at {@code at} to the case, or refuses it naming the rule. Before any action's
     * own rule: a token naming no department is refused (403), and so is every action on a terminated case, a repeat
     * attached to another case and a case whose petition track ended otherwise (REDIRECTED, NOT_ACCEPTED) (409).
     */
    public Applied apply(CaseState c, String actor, ActionRequest r, Instant at) {
        validate(r);
        ActionRule rule = rules.get(Action.valueOf(r.type()));
        RuleRefusal refused = refusal(rule, c, actor, StatutoryClock.day(at));
        if (refused != null) {
            throw refused;
        }
        CaseStatus to = rule.to().of(c, r);
        Applied applied = rule.effect().apply(c, r, actor, at);
        c.moveTo(to);
        return applied;
    }

    /**
     * The actions {@code actor} may take on the case now: those {@link #apply} would not refuse (only the request's
     * own fields are not known yet). Empty for a token naming no department and for a case that accepts no action.
     */
    public List<Action> available(CaseState c, String actor, Instant at) {
        LocalDate today = StatutoryClock.day(at);
        List<Action> available = new ArrayList<>();
        for (ActionRule rule : rules.values()) {
            if (refusal(rule, c, actor, today) == null) {
                available.add(rule.action());
            }
        }
        return available;
    }

    /**
     * Why the machine refuses this action of {@code actor} on the case today, or null when it would take it: first
     * what refuses every action (a token naming no department, a terminated, attached or ended case), then the
     * action's row in the order of the table (by, before, from, after).
     */
    private static RuleRefusal refusal(ActionRule rule, CaseState c, String actor, LocalDate today) {
        if (actor == null) {
            return new ForbiddenException("token-names-no-department", "只有部门可以办理信访事项");
        }
        if (c.status() == TERMINATED) {
            return new ConflictException("case-terminated", "复核已作出，本事项已终结（TERMINATED）；不再接受任何处理动作");
        }
        if (c.attachedTo() != null) {
            return new ConflictException("case-attached", "本件为重复信访，已并入 " + c.attachedTo() + "；请在原件上办理");
        }
        if (c.status() == NOT_ACCEPTED || c.status() == REDIRECTED) {
            return new ConflictException("case-ended", "本件状态为 " + c.status() + "，信访程序已结束");
        }
        if (!rule.by().includes(c, actor)) {
            return new ForbiddenException(rule.notBy().rule(), rule.notBy().message().apply(c));
        }
        RuleRefusal before = firstHolding(rule.before(), c, today);
        if (before != null) {
            return before;
        }
        if (!rule.from().contains(c.status())) {
            return conflict(rule.notFrom(), c);
        }
        return firstHolding(rule.after(), c, today);
    }

    private static RuleRefusal firstHolding(List<ActionRule.Guard> guards, CaseState c, LocalDate today) {
        for (ActionRule.Guard guard : guards) {
            if (guard.when().holds(c, today)) {
                return conflict(guard.refusal(), c);
            }
        }
        return null;
    }

    private static ConflictException conflict(ActionRule.Refusal refusal, CaseState c) {
        return new ConflictException(refusal.rule(), refusal.message().apply(c));
    }

    private static String notHandledAnyMore(CaseState c) {
        return "本件状态为 " + c.status() + "，已不在办理中";
    }

    // ---- what the other services' events do to a case ----

    /**
     * A registered petition opens a case: REGISTERED, its assignment clock running from its receipt (an old letter
     * registered with a past {@code receivedAt} is overdue at once).
     *
     * @param barred            the departments the complaint bars (VisibilityPolicy.barredBy)
     * @param actingBureau      who takes the bureau's actions on it (VisibilityPolicy.actingBureau)
     * @param actingSupervisor  who takes the supervisor's decisions on it (VisibilityPolicy.actingSupervisor)
     */
    public CaseState open(PetitionReceived p, List<String> barred, String actingBureau, String actingSupervisor,
            Instant at) {
        return CaseState.builder()
                .petitionNo(p.petitionNo())
                .status(REGISTERED)
                .channel(p.channel())
                .category(p.category())
                .petitionClass(p.petitionClass())
                .divisionCode(p.divisionCode())
                .townshipCode(p.divisionCode().length() >= 9 ? p.divisionCode().substring(0, 9) : p.divisionCode())
                .subject(p.subject())
                .content(p.content())
                .petitionersJson(EventCodec.mapper().writeValueAsString(p.petitioners().stream()
                        .map(x -> new CaseView.Petitioner(x.pseudonym(), x.maskedName())).toList()))
                .groupSize(p.groupSize())
                .group(p.group())
                .repeatOf(p.repeatOf())
                .complainedDepartment(p.complainedAgainst() == null ? null : p.complainedAgainst().department())
                .barred(barred)
                .actingBureau(actingBureau)
                .actingSupervisor(actingSupervisor)
                .trackingCodeHash(p.trackingCodeHash())
                .receivedAt(p.receivedAt())
                .assignDue(StatutoryClock.due(p.receivedAt(), policy.assignDays()))
                .openedAt(at)
                .updatedAt(at)
                .build();
    }

    /**
     * What a repeat ({@code repeatOf}) does to its new case and to the original: a repeat of a matter ended by 复核
     * is NOT_ACCEPTED (信访工作条例第三十五条); a repeat of an open case is attached to it (并案: it runs no clock and
     * accepts no action) and the original counts it. Returns the history line of the new case, or empty when the
     * original is neither (the repeat is then a case of its own).
     */
    Optional<String> repeat(CaseState c, CaseState original) {
        if (original.status() == TERMINATED) {
            c.moveTo(NOT_ACCEPTED);
            c.notAccepted(NOT_ACCEPTED_AFTER_RECHECK.formatted(original.petitionNo()));
            return Optional.of(c.notAcceptedReason());
        }
        if (original.isOpen()) {
            c.attachTo(original.petitionNo());
            original.repeatReceived();
            return Optional.of("重复信访，并入 " + original.petitionNo() + " 办理");
        }
        return Optional.empty();
    }

    /**
     * Applies a routing decision (交办, or 改派 before the department accepted the case): ASSIGNED to its departments,
     * the acknowledgement clock and the objection window running from the decision. A decision is not applied to a
     * case that is not assignable ({@link CaseStatuses#whyNotAssignable}), nor when it names a department the
     * complaint bars (routing never should: recusal); the case is then left as it is, and the answer says why.
     */
    Optional<String> assign(CaseState c, PetitionRouted r) {
        Optional<String> refused = CaseStatuses.whyNotAssignable(c.status(), c.attachedTo(),
                c.objectingDepartment() != null);
        if (refused.isEmpty()) {
            List<String> named = new ArrayList<>(r.coHandlers());
            named.add(r.lead());
            List<String> barredNamed = named.stream().filter(c.barred()::contains).toList();
            if (!barredNamed.isEmpty()) {
                refused = Optional.of("分办决定指定了被投诉单位 " + String.join("、", barredNamed) + "，依法回避，未采用");
            }
        }
        if (refused.isPresent()) {
            return refused;
        }
        Instant at = r.decidedAt();
        c.assigned(r.lead(), r.coHandlers(), r.category(), r.petitionClass(), r.explanation(), at,
                StatutoryClock.due(at, policy.acknowledgeDays()), objectionDue(at));
        c.moveTo(ASSIGNED);
        return Optional.empty();
    }

    /**
     * Puts the case into the bureau's triage (no rule could place it), unassigned; only an open case in a triageable
     * status ({@link CaseStatus#isTriageable()}). Returns whether it did.
     */
    boolean triage(CaseState c, PetitionTriaged t) {
        if (!c.isOpen() || !c.status().isTriageable()) {
            return false;
        }
        c.triaged(t.reason());
        c.moveTo(TRIAGE);
        return true;
    }

    /** The objection window of an assignment: 5 working days after the day of assignment. */
    private LocalDate objectionDue(Instant assignedAt) {
        return calendar.addWorkingDays(StatutoryClock.day(assignedAt), policy.objectionWorkingDays());
    }

    // ---- fields ----

    private static void decisionFields(ActionRequest r, List<FieldProblem> p) {
        oneOf(p, "outcome", r.outcome(), DECISION_OUTCOMES);
        required(p, "reasons", r.reasons(), 10000);
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
            p.add(new FieldProblem(field, "is required: one of " + new TreeSet<>(allowed)));
        }
    }
}

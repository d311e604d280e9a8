package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.petitionbridge.events.CaseStatus;
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
 * The rules of the ledger in milliseconds: no Spring, no database, no broker. A real machine with the statutory
 * limits of ledger-service.yml, a real working calendar over a fixed year of holidays and a fixed clock. Every
 * action is tried in every status (the cases are brought there by the machine itself, as the ledger brings them),
 * then who may take each action, then the clocks.
 */
class CaseStateMachineTest {

    private static final ClockPolicy POLICY = new ClockPolicy(15, 15, 5, 60, 30, 30, 30, 30, 30, 3, 3);

    /** 国庆 2026: Thursday 10-01 to Wednesday 10-07 off, Saturday 10-10 worked (调休). */
    private static final Map<LocalDate, String> SPECIAL_DAYS = Map.of(
            LocalDate.parse("2026-10-01"), "HOLIDAY", LocalDate.parse("2026-10-02"), "HOLIDAY",
            LocalDate.parse("2026-10-05"), "HOLIDAY", LocalDate.parse("2026-10-06"), "HOLIDAY",
            LocalDate.parse("2026-10-07"), "HOLIDAY", LocalDate.parse("2026-10-10"), "WORKDAY");

    private static final WorkingCalendar CALENDAR = new WorkingCalendar((from, to) -> {
        Map<LocalDate, String> days = new HashMap<>();
        SPECIAL_DAYS.forEach((day, kind) -> {
            if (!day.isBefore(from) && !day.isAfter(to)) {
                days.put(day, kind);
            }
        });
        return days;
    });

    /** Monday 2026-11-02, 10:00 in Asia/Shanghai. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T02:00:00Z"), ZoneOffset.UTC);

    private final CaseStateMachine machine = new CaseStateMachine(POLICY, CALENDAR);

    // ---- the requests, one valid body per action ----

    private static ActionRequest request(String type) {
        return request(type, Map.of());
    }

    private static ActionRequest request(String type, Map<String, String> fields) {
        Map<String, String> d = new HashMap<>(Map.of("type", type));
        d.putAll(fields);
        return ActionRequest.fromDetails(d);
    }

    /** A valid request of each action (the decisions: REJECT an objection, APPROVE an extension). */
    private static ActionRequest valid(Action action) {
        return switch (action) {
            case ACKNOWLEDGE -> request("ACKNOWLEDGE", Map.of("responsiblePerson", "李科长", "notifiedBy", "PHONE"));
            case OBJECT -> request("OBJECT", Map.of("reasons", "属住建部门职责"));
            case OBJECTION_DECISION -> request("OBJECTION_DECISION", Map.of("decision", "REJECT"));
            case PROGRESS -> request("PROGRESS", Map.of("note", "已约谈包工头"));
            case CO_OPINION -> request("CO_OPINION", Map.of("opinion", "镇劳动保障所已核实工时"));
            case REQUEST_EXTENSION -> request("REQUEST_EXTENSION", Map.of("days", "20", "reason", "需司法鉴定"));
            case EXTENSION_DECISION -> request("EXTENSION_DECISION", Map.of("decision", "APPROVE"));
            case REDIRECT -> request("REDIRECT", Map.of("procedure", "ARBITRATION", "guidance", "请申请劳动仲裁"));
            case REPLY -> request("REPLY", Map.of("outcome", "SUPPORT", "facts", "经查属实", "reasons", "应予支付",
                    "legalBasis", "《保障农民工工资支付条例》"));
            case EVALUATE -> request("EVALUATE", Map.of("satisfaction", "SATISFIED"));
            case CLOSE -> request("CLOSE");
            case REVIEW_REQUEST -> request("REVIEW_REQUEST", Map.of("reason", "不服处理意见"));
            case REVIEW_DECISION -> request("REVIEW_DECISION", Map.of("outcome", "UPHELD", "reasons", "维持"));
            case RECHECK_REQUEST -> request("RECHECK_REQUEST", Map.of("reason", "不服复查意见"));
            case RECHECK_DECISION -> request("RECHECK_DECISION", Map.of("outcome", "UPHELD", "reasons", "维持"));
            case SUPERVISE -> request("SUPERVISE", Map.of("note", "督办"));
        };
    }

    /** Who takes each action in the table below: the party the action is for (RSJ leads, T002 co-handles). */
    private static String actor(Action action) {
        return switch (action) {
            case ACKNOWLEDGE, OBJECT, REQUEST_EXTENSION, REPLY -> "RSJ";
            case CO_OPINION -> "T002";
            case OBJECTION_DECISION, PROGRESS, REDIRECT, EVALUATE, CLOSE, REVIEW_REQUEST, RECHECK_REQUEST, SUPERVISE ->
                    "XFJ";
            case EXTENSION_DECISION, REVIEW_DECISION, RECHECK_DECISION -> "ZFB";
        };
    }

    // ---- cases brought to each status by the machine, as the ledger brings them ----

    private int numbers;

    private Instant at(int minutes) {
        return CLOCK.instant().plus(Duration.ofMinutes(minutes));
    }

    private static PetitionReceived received(String petitionNo, Instant receivedAt, String repeatOf) {
        return new PetitionReceived(petitionNo, "LETTER", receivedAt, receivedAt, "990101002001", "WAGE_ARREARS",
                "CLAIM", "拖欠工资", "包工头拖欠三个月工钱", 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo-1", "王*")), repeatOf, null, null);
    }

    private static PetitionRouted routed(String petitionNo, String lead, List<String> coHandlers, Instant at) {
        return new PetitionRouted(petitionNo, "d-" + petitionNo, "RULE", lead, coHandlers, "COUNTY", "WAGE_ARREARS",
                "CLAIM", null, List.of(), List.of("category:WAGE_ARREARS"), List.of(), 1, "依据规则集 v1：测试", at);
    }

    private CaseState opened(Instant at, String actingBureau, String repeatOf) {
        String petitionNo = "XF990101-20261102-%06d".formatted(++numbers);
        return machine.open(received(petitionNo, at, repeatOf), List.of(), actingBureau, "ZFB", at);
    }

    private void act(CaseState c, String actor, ActionRequest request, Instant at) {
        machine.apply(c, actor, request, at);
    }

    private void act(CaseState c, Action action) {
        act(c, actor(action), valid(action), at(1));
    }

    /** A case assigned at {@code at} to RSJ, T002 co-handling. */
    private CaseState assigned(Instant at) {
        CaseState c = opened(at, "XFJ", null);
        assertThat(machine.assign(c, routed(c.petitionNo(), "RSJ", List.of("T002"), at))).isEmpty();
        return c;
    }

    private CaseState inStatus(CaseStatus status) {
        CaseState c = switch (status) {
            case REGISTERED -> opened(at(0), "XFJ", null);
            case TRIAGE -> {
                CaseState t = opened(at(0), "XFJ", null);
                assertThat(machine.triage(t, new PetitionTriaged(t.petitionNo(), "需信访局人工分办", null, null,
                        List.of(), List.of(), "990101002001", 1, at(0)))).isTrue();
                yield t;
            }
            case ASSIGNED -> assigned(at(0));
            case ACKNOWLEDGED -> then(inStatus(ASSIGNED), Action.ACKNOWLEDGE);
            case OBJECTED -> then(inStatus(ASSIGNED), Action.OBJECT);
            case EXTENDED -> then(then(inStatus(ACKNOWLEDGED), Action.REQUEST_EXTENSION), Action.EXTENSION_DECISION);
            case REPLIED -> then(inStatus(ACKNOWLEDGED), Action.REPLY);
            case CLOSED -> then(inStatus(REPLIED), Action.CLOSE);
            case REDIRECTED -> then(inStatus(ASSIGNED), Action.REDIRECT);
            case REVIEW_REQUESTED -> then(inStatus(REPLIED), Action.REVIEW_REQUEST);
            case REVIEWED -> then(inStatus(REVIEW_REQUESTED), Action.REVIEW_DECISION);
            case RECHECK_REQUESTED -> then(inStatus(REVIEWED), Action.RECHECK_REQUEST);
            case TERMINATED -> then(inStatus(RECHECK_REQUESTED), Action.RECHECK_DECISION);
            case NOT_ACCEPTED -> {
                CaseState original = inStatus(TERMINATED);
                CaseState repeat = opened(at(2), "XFJ", original.petitionNo());
                assertThat(machine.repeat(repeat, original)).hasValueSatisfying(
                        line -> assertThat(line).contains(original.petitionNo(), "复核终结"));
                yield repeat;
            }
        };
        assertThat(c.status()).isEqualTo(status);
        return c;
    }

    private CaseState then(CaseState c, Action action) {
        act(c, action);
        return c;
    }

    // ---- every action in every status ----

    /** What an action does: moves the case to a status, recorded as a history action; or refused with a rule. */
    private record Outcome(CaseStatus to, String recorded, int refusedWith, String rule) {

        static Outcome to(CaseStatus status, String recorded) {
            return new Outcome(status, recorded, 0, null);
        }

        static Outcome conflict(String rule) {
            return new Outcome(null, null, 409, rule);
        }

        static Outcome forbidden(String rule) {
            return new Outcome(null, null, 403, rule);
        }

        @Override
        public String toString() {
            return rule == null ? "→ " + to + " (" + recorded + ")" : refusedWith + " " + rule;
        }
    }

    /**
     * docs/ledger.md, "Actions", for the parties of {@link #actor}: what each action does in each status of a case
     * brought there the usual way (RSJ leads and T002 co-handles once the case is assigned; no extension was asked
     * but in EXTENDED; CLOSED after a reply without 复查).
     */
    private static Outcome expected(Action action, CaseStatus s) {
        if (s == TERMINATED) {
            return Outcome.conflict("case-terminated");
        }
        if (s == NOT_ACCEPTED || s == REDIRECTED) {
            return Outcome.conflict("case-ended");
        }
        boolean unassigned = s == REGISTERED || s == TRIAGE;
        boolean handling = s == ASSIGNED || s == ACKNOWLEDGED || s == EXTENDED;
        boolean replied = EnumSet.of(REPLIED, CLOSED, REVIEW_REQUESTED, REVIEWED, RECHECK_REQUESTED).contains(s);
        String name = action.name();
        return switch (action) {
            case ACKNOWLEDGE -> unassigned ? Outcome.forbidden("only-lead-acknowledges")
                    : s == ASSIGNED ? Outcome.to(ACKNOWLEDGED, name) : Outcome.conflict("acknowledge-needs-assignment");
            case OBJECT -> unassigned ? Outcome.forbidden("only-assigned-departments-object")
                    : s == ASSIGNED || s == ACKNOWLEDGED ? Outcome.to(OBJECTED, name)
                    : Outcome.conflict("objection-needs-assignment");
            case OBJECTION_DECISION -> s == OBJECTED ? Outcome.to(ASSIGNED, "OBJECTION_REJECTED")
                    : Outcome.conflict("no-objection-pending");
            case PROGRESS, SUPERVISE -> s == CLOSED ? Outcome.conflict("case-ended") : Outcome.to(s, name);
            case CO_OPINION -> unassigned ? Outcome.forbidden("only-co-handlers-give-opinions")
                    : handling ? Outcome.to(s, name) : Outcome.conflict("co-opinion-while-handling");
            case REQUEST_EXTENSION -> unassigned ? Outcome.forbidden("only-lead-requests-extension")
                    : s == EXTENDED ? Outcome.conflict("one-extension-only")
                    : s == ACKNOWLEDGED ? Outcome.to(ACKNOWLEDGED, name) : Outcome.conflict("extension-needs-acceptance");
            case EXTENSION_DECISION -> Outcome.conflict("no-extension-requested");
            case REDIRECT -> handling ? Outcome.to(REDIRECTED, name) : Outcome.conflict("redirect-while-handling");
            case REPLY -> unassigned ? Outcome.forbidden("only-lead-replies")
                    : s == ASSIGNED ? Outcome.conflict("reply-before-acknowledgement")
                    : s == ACKNOWLEDGED || s == EXTENDED ? Outcome.to(REPLIED, name)
                    : Outcome.conflict("reply-while-handling");
            case EVALUATE -> replied ? Outcome.to(s, name) : Outcome.conflict("evaluate-needs-reply");
            case CLOSE -> !replied ? Outcome.conflict("close-needs-reply")
                    : s == REPLIED || s == REVIEWED ? Outcome.to(CLOSED, name) : Outcome.conflict("close-after-reply");
            case REVIEW_REQUEST -> s == REPLIED || s == CLOSED ? Outcome.to(REVIEW_REQUESTED, name)
                    : Outcome.conflict("review-needs-reply");
            case REVIEW_DECISION -> s == REVIEW_REQUESTED ? Outcome.to(REVIEWED, name)
                    : Outcome.conflict("no-review-pending");
            case RECHECK_REQUEST -> s == REVIEWED ? Outcome.to(RECHECK_REQUESTED, name)
                    : Outcome.conflict("recheck-needs-review");
            case RECHECK_DECISION -> s == RECHECK_REQUESTED ? Outcome.to(TERMINATED, name)
                    : Outcome.conflict("no-recheck-pending");
        };
    }

    static Stream<Arguments> everyActionInEveryStatus() {
        return Arrays.stream(Action.values()).flatMap(a -> Arrays.stream(CaseStatus.values())
                .map(s -> Arguments.of(a, s, expected(a, s))));
    }

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @MethodSource("everyActionInEveryStatus")
    void everyActionInEveryStatusMovesTheCaseOrIsRefusedNamingItsRule(Action action, CaseStatus status,
            Outcome expected) {
        CaseState c = inStatus(status);
        Map<String, Object> before = snapshot(c);
        if (expected.rule() == null) {
            CaseStateMachine.Applied applied = machine.apply(c, actor(action), valid(action), at(10));
            assertThat(c.status()).isEqualTo(expected.to());
            assertThat(applied.action()).isEqualTo(expected.recorded());
            assertThat(applied.summary()).isNotBlank();
        } else {
            RuleRefusal refusal = catchThrowableOfType(RuleRefusal.class,
                    () -> machine.apply(c, actor(action), valid(action), at(10)));
            assertThat(refusal).as("refused").isNotNull();
            assertThat(refusal.rule()).isEqualTo(expected.rule());
            assertThat(refusal.status()).isEqualTo(expected.refusedWith());
            assertThat(refusal.getMessage()).isNotBlank();
            assertThat(snapshot(c)).as("a refused action changes nothing").isEqualTo(before);
        }
    }

    /**
     * What the console offers a department is what the machine would accept: in every status, for every party (RSJ
     * leads, T002 co-handles, XFJ the bureau, ZFB the supervisor, YBJ another department), an action is available
     * exactly when applying it with valid fields succeeds.
     */
    @ParameterizedTest(name = "in {0}")
    @org.junit.jupiter.params.provider.EnumSource(CaseStatus.class)
    void theAvailableActionsAreExactlyThoseTheMachineWouldApply(CaseStatus status) {
        for (String party : List.of("RSJ", "T002", "XFJ", "ZFB", "YBJ")) {
            List<Action> available = machine.available(inStatus(status), party, at(10));
            for (Action action : Action.values()) {
                CaseState c = inStatus(status);
                boolean applies;
                try {
                    machine.apply(c, party, valid(action), at(10));
                    applies = true;
                } catch (RuleRefusal refused) {
                    applies = false;
                }
                assertThat(available.contains(action)).as("%s by %s in %s", action, party, status).isEqualTo(applies);
            }
        }
        assertThat(machine.available(inStatus(status), null, at(10))).as("a token naming no department").isEmpty();
    }

    @Test
    void theTableHasOneRuleForEveryActionAndNamesItsStatuses() {
        assertThat(machine.rules()).containsOnlyKeys(Action.values());
        machine.rules().forEach((action, rule) -> {
            assertThat(rule.action()).isEqualTo(action);
            assertThat(rule.from()).as(action.name()).isNotEmpty();
            assertThat(rule.notBy().rule()).as(action.name()).isNotBlank();
            assertThat(rule.notFrom() == null).as(action + ": a refusal unless from every status")
                    .isEqualTo(rule.from().size() == CaseStatus.values().length);
        });
    }

    // ---- who may ----

    static Stream<Arguments> aDepartmentThatMayNot() {
        return Stream.of(
                Arguments.of(Action.ACKNOWLEDGE, ASSIGNED, "T002", "only-lead-acknowledges"),
                Arguments.of(Action.OBJECT, ASSIGNED, "XFJ", "only-assigned-departments-object"),
                Arguments.of(Action.OBJECTION_DECISION, OBJECTED, "RSJ", "only-bureau-decides-objections"),
                Arguments.of(Action.PROGRESS, ASSIGNED, "ZJJ", "only-assigned-departments-record-progress"),
                Arguments.of(Action.CO_OPINION, ASSIGNED, "RSJ", "only-co-handlers-give-opinions"),
                Arguments.of(Action.REQUEST_EXTENSION, ACKNOWLEDGED, "T002", "only-lead-requests-extension"),
                Arguments.of(Action.EXTENSION_DECISION, ACKNOWLEDGED, "XFJ", "only-supervisor-decides-extensions"),
                Arguments.of(Action.REDIRECT, ASSIGNED, "T002", "only-lead-or-bureau-redirects"),
                Arguments.of(Action.REPLY, ACKNOWLEDGED, "T002", "only-lead-replies"),
                Arguments.of(Action.EVALUATE, REPLIED, "RSJ", "only-bureau-evaluates"),
                Arguments.of(Action.CLOSE, REPLIED, "RSJ", "only-bureau-closes"),
                Arguments.of(Action.REVIEW_REQUEST, REPLIED, "ZFB", "only-bureau-records-review-requests"),
                Arguments.of(Action.REVIEW_DECISION, REVIEW_REQUESTED, "XFJ", "only-supervisor-decides-reviews"),
                Arguments.of(Action.RECHECK_REQUEST, REVIEWED, "ZFB", "only-bureau-records-recheck-requests"),
                Arguments.of(Action.RECHECK_DECISION, RECHECK_REQUESTED, "XFJ", "only-supervisor-decides-rechecks"),
                Arguments.of(Action.SUPERVISE, ASSIGNED, "RSJ", "only-bureau-supervises"));
    }

    @ParameterizedTest(name = "{0} by {2}: 403 {3}")
    @MethodSource("aDepartmentThatMayNot")
    void aDepartmentThatMayNotTakeAnActionIsRefusedWith403BeforeAnythingElse(Action action, CaseStatus status,
            String department, String rule) {
        CaseState c = inStatus(status);
        if (action == Action.EXTENSION_DECISION) {
            act(c, Action.REQUEST_EXTENSION);
        }
        Map<String, Object> before = snapshot(c);
        ForbiddenException refused = catchThrowableOfType(ForbiddenException.class,
                () -> machine.apply(c, department, valid(action), at(10)));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.rule()).isEqualTo(rule);
        assertThat(snapshot(c)).isEqualTo(before);
        // the party the action is for may, in the same state
        machine.apply(c, actor(action), valid(action), at(10));
    }

    @Test
    void everyActionHasADepartmentThatMayNotTakeIt() {
        assertThat(aDepartmentThatMayNot().map(a -> (Action) a.get()[0])).containsExactlyInAnyOrder(Action.values());
    }

    @Test
    void theBureausActionsAreTakenByTheActingBureauAndTheRefusalSaysWhoActs() {
        // a petition complaining about the bureau: the supervisor acts as the bureau on it
        CaseState c = opened(at(0), "ZFB", null);
        machine.assign(c, routed(c.petitionNo(), "RSJ", List.of(), at(0)));
        ForbiddenException refused = catchThrowableOfType(ForbiddenException.class,
                () -> machine.apply(c, "XFJ", valid(Action.SUPERVISE), at(1)));
        assertThat(refused.rule()).isEqualTo("only-bureau-supervises");
        assertThat(refused.getMessage()).contains("本件由 ZFB 行使信访局职责");
        machine.apply(c, "ZFB", valid(Action.SUPERVISE), at(1));
        assertThat(c.supervisionCount()).isEqualTo(1);
    }

    @Test
    void aTokenNamingNoDepartmentTakesNoAction() {
        CaseState c = inStatus(ASSIGNED);
        assertThat(catchThrowableOfType(ForbiddenException.class,
                () -> machine.apply(c, null, valid(Action.ACKNOWLEDGE), at(1))).rule())
                .isEqualTo("token-names-no-department");
    }

    @Test
    void aRepeatAttachedToAnOpenCaseTakesNoActionRunsNoClockAndIsCountedOnTheOriginal() {
        CaseState original = inStatus(ASSIGNED);
        CaseState repeat = opened(at(5), "XFJ", original.petitionNo());
        assertThat(machine.repeat(repeat, original)).hasValue("重复信访，并入 " + original.petitionNo() + " 办理");
        assertThat(repeat.attachedTo()).isEqualTo(original.petitionNo());
        assertThat(original.repeatCount()).isEqualTo(1);
        assertThat(repeat.runningClock()).isEmpty();
        assertThat(repeat.nextDue()).isNull();
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> machine.apply(repeat, "XFJ", valid(Action.SUPERVISE), at(6))).rule()).isEqualTo("case-attached");
        // a routing decision for it is not applied either
        assertThat(machine.assign(repeat, routed(repeat.petitionNo(), "RSJ", List.of(), at(6))))
                .hasValueSatisfying(why -> assertThat(why).contains("重复信访"));
        // a repeat of a case closed out (not terminated) is a case of its own
        CaseState closed = inStatus(CLOSED);
        CaseState again = opened(at(7), "XFJ", closed.petitionNo());
        assertThat(machine.repeat(again, closed)).isEmpty();
        assertThat(again.attachedTo()).isNull();
        assertThat(again.status()).isEqualTo(REGISTERED);
    }

    @Test
    void aBadRequestListsEveryMissingOrBadField() {
        CaseState c = inStatus(ACKNOWLEDGED);
        InvalidRequestException bad = catchThrowableOfType(InvalidRequestException.class,
                () -> machine.apply(c, "RSJ", request("REQUEST_EXTENSION", Map.of("days", "45")), at(1)));
        assertThat(bad.problems()).extracting(FieldProblem::field).containsExactlyInAnyOrder("days", "reason");
        InvalidRequestException unknown = catchThrowableOfType(InvalidRequestException.class,
                () -> machine.validate(request("DANCE")));
        assertThat(unknown.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("type");
            assertThat(p.message()).contains("ACKNOWLEDGE", "SUPERVISE");
        });
        for (Action action : Action.values()) {
            machine.validate(valid(action));
        }
    }

    // ---- routing decisions and triage ----

    @Test
    void aRoutingDecisionAppliesOnlyBeforeTheUnitSignsAndNeverNamingABarredDepartment() {
        CaseState c = inStatus(ACKNOWLEDGED);
        Map<String, Object> before = snapshot(c);
        assertThat(machine.assign(c, routed(c.petitionNo(), "ZJJ", List.of(), at(5))))
                .hasValueSatisfying(why -> assertThat(why).contains("已由承办单位签收受理"));
        assertThat(snapshot(c)).isEqualTo(before);

        CaseState objected = inStatus(OBJECTED);
        assertThat(machine.assign(objected, routed(objected.petitionNo(), "ZJJ", List.of(), at(5))))
                .as("an objection waits for the bureau").hasValueSatisfying(why -> assertThat(why).contains("异议"));

        PetitionReceived complaint = new PetitionReceived("XF990101-20261102-999999", "LETTER", at(0), at(0),
                "990101002001", "WAGE_ARREARS", "CLAIM", "投诉", "投诉住建局", 1, false, List.of(), null,
                new PetitionReceived.ComplainedAgainst("ZJJ", null), null);
        CaseState barring = machine.open(complaint, List.of("ZJJ"), "XFJ", "ZFB", at(0));
        assertThat(machine.assign(barring, routed(barring.petitionNo(), "RSJ", List.of("ZJJ"), at(1))))
                .hasValueSatisfying(why -> assertThat(why).contains("ZJJ", "回避"));
        assertThat(barring.status()).isEqualTo(REGISTERED);
    }

    @Test
    void triageAppliesOnlyToACaseNotYetPlaced() {
        for (CaseStatus status : CaseStatus.values()) {
            CaseState c = inStatus(status);
            boolean applied = machine.triage(c, new PetitionTriaged(c.petitionNo(), "需人工分办", null, null, List.of(),
                    List.of(), "990101002001", 1, at(20)));
            assertThat(applied).as(status.name()).isEqualTo(status.isTriageable());
            assertThat(c.status()).isEqualTo(applied ? TRIAGE : status);
            if (applied) {
                assertThat(c.lead()).isNull();
                assertThat(c.coHandlers()).isEmpty();
            }
        }
    }

    @Test
    void anAcceptedObjectionTakesTheDepartmentOffTheCaseUntilRoutingAssignsItAgain() {
        CaseState c = inStatus(ASSIGNED);
        act(c, "T002", valid(Action.OBJECT), at(5));
        CaseStateMachine.Applied accepted = machine.apply(c, "XFJ",
                request("OBJECTION_DECISION", Map.of("decision", "ACCEPT")), at(6));
        assertThat(accepted.action()).isEqualTo("OBJECTION_ACCEPTED");
        assertThat(accepted.objectingDepartment()).isEqualTo("T002");
        assertThat(c.status()).isEqualTo(OBJECTED);
        assertThat(c.coHandlers()).isEmpty();
        assertThat(c.lead()).isEqualTo("RSJ");
        assertThat(c.excludedDepartments()).containsExactly("T002");
        // decided once
        assertThat(catchThrowableOfType(ConflictException.class, () -> machine.apply(c, "XFJ",
                request("OBJECTION_DECISION", Map.of("decision", "REJECT")), at(7))).rule())
                .isEqualTo("no-objection-pending");
        // routing's new decision applies, with new clocks from it
        Instant reroutedAt = at(0).plus(Duration.ofDays(2));
        assertThat(machine.assign(c, routed(c.petitionNo(), "ZJJ", List.of(), reroutedAt))).isEmpty();
        assertThat(c.status()).isEqualTo(ASSIGNED);
        assertThat(c.lead()).isEqualTo("ZJJ");
        assertThat(c.acknowledgeDue()).isEqualTo(StatutoryClock.day(reroutedAt).plusDays(15));
        assertThat(c.objectingDepartment()).isNull();
    }

    // ---- the clocks ----

    @Test
    void aCaseOpensWithTheAssignmentClockFromItsReceiptAndAnOldLetterIsOverdueAtOnce() {
        Instant fortyDaysAgo = at(0).minus(Duration.ofDays(40));
        CaseState c = machine.open(received("XF990101-20261102-888888", fortyDaysAgo, null), List.of(), "XFJ", "ZFB",
                at(0));
        assertThat(c.status()).isEqualTo(REGISTERED);
        assertThat(c.runningClock()).hasValue(CaseClock.ASSIGN);
        assertThat(c.nextDue()).isEqualTo(StatutoryClock.day(fortyDaysAgo).plusDays(15));
        assertThat(StatutoryClock.isPast(c.nextDue(), at(0))).isTrue();
        assertThat(c.townshipCode()).isEqualTo("990101002");
    }

    @Test
    void theAssignmentStartsTheAcknowledgementClockAndAcknowledgingStartsTheSixtyDayReply() {
        CaseState c = inStatus(ASSIGNED);
        assertThat(c.runningClock()).hasValue(CaseClock.ACKNOWLEDGE);
        assertThat(c.acknowledgeDue()).isEqualTo(LocalDate.parse("2026-11-17"));
        assertThat(c.objectionDue()).as("5 working days after Monday 11-02").isEqualTo(LocalDate.parse("2026-11-09"));
        act(c, Action.ACKNOWLEDGE);
        assertThat(c.runningClock()).hasValue(CaseClock.REPLY);
        assertThat(c.replyDue()).isEqualTo(LocalDate.parse("2027-01-01"));
        assertThat(c.dueDates()).containsKeys("assign", "acknowledge", "objection", "reply");
        assertThat(c.responsiblePerson()).isEqualTo("李科长");
    }

    @Test
    void theObjectionWindowIsFiveWorkingDaysSkippingTheBureausHolidaysAndCountingItsMakeUpDays() {
        // assigned Wednesday 09-30: 10-08, 10-09, Saturday 10-10 (调休), 10-12, 10-13
        Instant assignedAt = Instant.parse("2026-09-30T02:00:00Z");
        CaseState c = assigned(assignedAt);
        assertThat(c.objectionDue()).isEqualTo(LocalDate.parse("2026-10-13"));
        Map<String, Object> before = snapshot(c);
        ConflictException late = catchThrowableOfType(ConflictException.class,
                () -> machine.apply(c, "RSJ", valid(Action.OBJECT), Instant.parse("2026-10-13T16:00:00Z")));
        assertThat(late.rule()).isEqualTo("objection-window-closed");
        assertThat(late.getMessage()).contains("5 个工作日", "2026-10-13");
        assertThat(snapshot(c)).isEqualTo(before);
        // the last minute of 10-13 in Asia/Shanghai is still within the window
        act(c, "RSJ", valid(Action.OBJECT), Instant.parse("2026-10-13T15:59:00Z"));
        assertThat(c.status()).isEqualTo(OBJECTED);
        assertThat(c.runningClock()).as("the acknowledgement clock runs on").hasValue(CaseClock.ACKNOWLEDGE);
    }

    @Test
    void oneExtensionApprovedByTheSupervisorMovesTheReplyDateAndNoneIsAskedAfterTheDate() {
        CaseState c = inStatus(ACKNOWLEDGED);
        LocalDate due = c.replyDue();
        act(c, Action.REQUEST_EXTENSION);
        assertThat(c.extensionStatus()).isEqualTo(ExtensionStatus.REQUESTED);
        assertThat(c.status()).isEqualTo(ACKNOWLEDGED);
        CaseStateMachine.Applied approved = machine.apply(c, "ZFB", valid(Action.EXTENSION_DECISION), at(2));
        assertThat(approved.action()).isEqualTo("EXTENSION_APPROVED");
        assertThat(c.status()).isEqualTo(EXTENDED);
        assertThat(c.replyDue()).isEqualTo(due.plusDays(20));
        assertThat(c.runningClock()).hasValue(CaseClock.REPLY);
        ConflictException again = catchThrowableOfType(ConflictException.class,
                () -> machine.apply(c, "RSJ", valid(Action.REQUEST_EXTENSION), at(3)));
        assertThat(again.rule()).isEqualTo("one-extension-only");
        assertThat(again.getMessage()).contains("已批准");

        CaseState refused = inStatus(ACKNOWLEDGED);
        act(refused, Action.REQUEST_EXTENSION);
        assertThat(machine.apply(refused, "ZFB", request("EXTENSION_DECISION", Map.of("decision", "REFUSE")), at(2))
                .action()).isEqualTo("EXTENSION_REFUSED");
        assertThat(refused.status()).isEqualTo(ACKNOWLEDGED);
        assertThat(refused.replyDue()).isEqualTo(due);
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> machine.apply(refused, "RSJ", valid(Action.REQUEST_EXTENSION), at(3))).getMessage())
                .contains("已被拒绝");

        CaseState late = inStatus(ACKNOWLEDGED);
        Instant dayAfter = at(0).plus(Duration.ofDays(61));
        ConflictException tooLate = catchThrowableOfType(ConflictException.class,
                () -> machine.apply(late, "RSJ", valid(Action.REQUEST_EXTENSION), dayAfter));
        assertThat(tooLate.rule()).isEqualTo("extension-after-deadline");
        assertThat(tooLate.getMessage()).contains(late.replyDue().toString());
    }

    @Test
    void reviewAndRecheckAreRequestedWithinThirtyDaysAndDecidedWithinThirty() {
        CaseState c = inStatus(REPLIED);
        assertThat(c.runningClock()).as("no clock runs while the petitioner may ask for 复查").isEmpty();
        assertThat(c.reviewRequestDue()).isEqualTo(StatutoryClock.day(at(1)).plusDays(30));
        Instant lastDay = at(0).plus(Duration.ofDays(30));
        act(c, "XFJ", valid(Action.REVIEW_REQUEST), lastDay);
        assertThat(c.runningClock()).hasValue(CaseClock.REVIEW_DECISION);
        assertThat(c.reviewDecisionDue()).isEqualTo(StatutoryClock.day(lastDay).plusDays(30));
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> machine.apply(c, "XFJ", valid(Action.REVIEW_REQUEST), lastDay)).rule())
                .isEqualTo("review-needs-reply");

        CaseState late = inStatus(CLOSED);
        ConflictException closedWindow = catchThrowableOfType(ConflictException.class,
                () -> machine.apply(late, "XFJ", valid(Action.REVIEW_REQUEST), at(0).plus(Duration.ofDays(31))));
        assertThat(closedWindow.rule()).isEqualTo("review-window-closed");
        assertThat(closedWindow.getMessage()).contains("30 日内", late.reviewRequestDue().toString());

        CaseState reviewed = inStatus(REVIEWED);
        assertThat(reviewed.recheckRequestDue()).isEqualTo(StatutoryClock.day(at(1)).plusDays(30));
        act(reviewed, Action.CLOSE);
        ConflictException recheckLate = catchThrowableOfType(ConflictException.class,
                () -> machine.apply(reviewed, "XFJ", valid(Action.RECHECK_REQUEST), at(0).plus(Duration.ofDays(31))));
        assertThat(recheckLate.rule()).isEqualTo("recheck-window-closed");
        act(reviewed, "XFJ", valid(Action.RECHECK_REQUEST), at(0).plus(Duration.ofDays(30)));
        assertThat(reviewed.status()).isEqualTo(RECHECK_REQUESTED);
        assertThat(reviewed.runningClock()).hasValue(CaseClock.RECHECK_DECISION);
        act(reviewed, Action.RECHECK_DECISION);
        assertThat(reviewed.status()).isEqualTo(TERMINATED);
        assertThat(reviewed.runningClock()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(CaseStatus.class)
    void theRunningClockOfEveryStatusIsTheOneItsDueDateComesFrom(CaseStatus status) {
        CaseState c = inStatus(status);
        Set<CaseStatus> clocked = EnumSet.of(REGISTERED, TRIAGE, ASSIGNED, OBJECTED, ACKNOWLEDGED, EXTENDED,
                REVIEW_REQUESTED, RECHECK_REQUESTED);
        assertThat(c.runningClock().isPresent()).isEqualTo(clocked.contains(status));
        c.runningClock().ifPresent(clock -> {
            assertThat(c.nextDue()).isNotNull().isEqualTo(clock.dueOf(c));
            assertThat(clock.runsIn()).contains(status);
        });
    }

    // ---- helpers ----

    /** Every column of the case (lists for the arrays), to see that a refusal changes nothing. */
    private static Map<String, Object> snapshot(CaseState c) {
        Map<String, Object> columns = new HashMap<>();
        CaseRepository.columns(c).forEach((k, v) -> columns.put(k, v instanceof Object[] a ? Arrays.asList(a) : v));
        return columns;
    }
}

package org.petitionbridge.notify.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.cases.CaseState;

/** The visibility rules alone, in milliseconds. */
class AudiencePolicyTest {

    private final AudiencePolicy policy = AudiencePolicy.of(CountyReference.demo());

    private static CaseState assignedCase(String lead, List<String> coHandlers, String complainedAbout) {
        CaseState kase = new CaseState("XF990101-20261126-000001");
        kase.applyReceived("e1", java.time.Instant.now(), Events.received(kase.petitionNo(), "WAGE_ARREARS",
                complainedAbout), "{}", complainedAbout == null ? Set.of() : Set.of(complainedAbout));
        kase.applyStatus(Events.status(kase.petitionNo(), "ASSIGNED", lead, coHandlers, "WAGE_ARREARS",
                complainedAbout));
        return kase;
    }

    private static Interest webhook(String id, String department, Set<EventKind> kinds) {
        return new Interest(id, department, true, kinds, Set.of(), null, Set.of());
    }

    private static Map<String, Recipient> byDepartment(List<Recipient> recipients) {
        return recipients.stream().collect(Collectors.toMap(Recipient::department, Function.identity()));
    }

    @Test
    void theBureauAndTheSupervisorAreFoundByKind() {
        assertThat(policy.bureau()).isEqualTo("XFJ");
        assertThat(policy.supervisor()).isEqualTo("ZFB");
    }

    @Test
    void assignedDepartmentsGetEveryCaseEventInFullOnEveryEndpointWithoutSelectingIt() {
        CaseState kase = assignedCase("RSJ", List.of("T002"), null);
        List<Interest> subscriptions = List.of(webhook("s1", "RSJ", Set.of()), webhook("s2", "RSJ", Set.of()),
                new Interest("s3", "T002", false, Set.of(), Set.of(), null, Set.of()));
        for (EventKind kind : List.of(EventKind.RECEIVED, EventKind.ROUTED, EventKind.STATUS)) {
            Map<String, Recipient> to = byDepartment(policy.recipients(Occurrence.of(kind), kase, subscriptions));
            assertThat(to.keySet()).containsExactlyInAnyOrder("RSJ", "T002");
            assertThat(to.get("RSJ").view()).isEqualTo(View.FULL);
            assertThat(to.get("RSJ").reasons()).containsExactly(Reason.HANDLER);
            assertThat(to.get("RSJ").webhookSubscriptions()).containsExactly("s1", "s2");
            assertThat(to.get("T002").webhookSubscriptions()).isEmpty();   // feed only
        }
    }

    @Test
    void interestOnAnotherDepartmentsCaseIsASummaryOnlyWhereTheFiltersMatch() {
        CaseState kase = assignedCase("RSJ", List.of(), null);
        List<Interest> subscriptions = List.of(
                new Interest("m", "MZJ", true, Set.of(EventKind.STATUS), Set.of("WAGE_ARREARS"), "990101002",
                        Set.of("CLAIM")),
                new Interest("j", "JYJ", true, Set.of(EventKind.STATUS), Set.of("EDUCATION"), null, Set.of()),
                new Interest("n", "NYJ", true, Set.of(EventKind.STATUS), Set.of(), "990101003", Set.of()),
                new Interest("a", "GAJ", true, Set.of(EventKind.STATUS), Set.of(), null, Set.of("ACCUSATION")),
                new Interest("r", "YBJ", true, Set.of(EventKind.ROUTED), Set.of(), null, Set.of()));
        Map<String, Recipient> to = byDepartment(policy.recipients(Occurrence.of(EventKind.STATUS), kase,
                subscriptions));
        assertThat(to.keySet()).containsExactlyInAnyOrder("RSJ", "MZJ");
        assertThat(to.get("MZJ").view()).isEqualTo(View.SUMMARY);
        assertThat(to.get("MZJ").reasons()).containsExactly(Reason.INTEREST);
        assertThat(to.get("MZJ").webhookSubscriptions()).containsExactly("m");
    }

    @Test
    void theDepartmentComplainedAboutGetsNothingWhateverItsRoleOrSubscriptions() {
        CaseState kase = assignedCase("JWJW", List.of("ZJJ"), "ZJJ");
        List<Interest> subscriptions = List.of(webhook("z", "ZJJ", Set.of(EventKind.values())));
        for (EventKind kind : EventKind.values()) {
            assertThat(policy.recipients(new Occurrence(kind, "OVERDUE", true, Set.of("ZJJ")), kase, subscriptions))
                    .extracting(Recipient::department).doesNotContain("ZJJ");
        }
        CaseState ledByTheAccused = assignedCase("ZJJ", List.of(), "ZJJ");
        assertThat(policy.recipients(new Occurrence(EventKind.DEADLINE, "OVERDUE", false, Set.of()), ledByTheAccused,
                subscriptions)).isEmpty();
    }

    @Test
    void remindersGoToTheLeadAndEscalationAlsoToTheBureauAndTheSupervisor() {
        CaseState kase = assignedCase("RSJ", List.of("T002"), null);
        List<Interest> none = List.of();
        for (String kind : List.of("DUE_SOON", "OVERDUE")) {
            Map<String, Recipient> to = byDepartment(policy.recipients(new Occurrence(EventKind.DEADLINE, kind, false,
                    Set.of()), kase, none));
            assertThat(to.keySet()).containsExactly("RSJ");
            assertThat(to.get("RSJ").reasons()).containsExactly(Reason.REMINDER);
        }
        Map<String, Recipient> escalated = byDepartment(policy.recipients(new Occurrence(EventKind.DEADLINE,
                "ESCALATED", false, Set.of()), kase, none));
        assertThat(escalated.keySet()).containsExactlyInAnyOrder("RSJ", "XFJ", "ZFB");
        assertThat(escalated.get("XFJ").reasons()).containsExactly(Reason.ESCALATION);
        assertThat(escalated.get("ZFB").view()).isEqualTo(View.FULL);
        // A co-handler that selects deadline events sees them in full, as a handler of the case.
        Map<String, Recipient> selected = byDepartment(policy.recipients(new Occurrence(EventKind.DEADLINE,
                "DUE_SOON", false, Set.of()), kase, List.of(webhook("t", "T002", Set.of(EventKind.DEADLINE)))));
        assertThat(selected.get("T002").view()).isEqualTo(View.FULL);
        assertThat(selected.get("T002").reasons()).containsExactly(Reason.HANDLER);
    }

    @Test
    void theBureauIsAlertedToGroupAndRepeatPetitionsAndSeesWhatItSelectsInFull() {
        CaseState kase = new CaseState("XF990101-20261126-000002");
        Map<String, Recipient> alert = byDepartment(policy.recipients(new Occurrence(EventKind.RECEIVED, null, true,
                Set.of()), kase, List.of(webhook("x", "XFJ", Set.of()))));
        assertThat(alert.get("XFJ").reasons()).containsExactly(Reason.BUREAU_ALERT);
        assertThat(alert.get("XFJ").webhookSubscriptions()).containsExactly("x");
        assertThat(policy.recipients(Occurrence.of(EventKind.RECEIVED), kase, List.of(webhook("x", "XFJ", Set.of()))))
                .isEmpty();
        Map<String, Recipient> supervised = byDepartment(policy.recipients(Occurrence.of(EventKind.ROUTED), kase,
                List.of(webhook("x", "XFJ", Set.of(EventKind.ROUTED)))));
        assertThat(supervised.get("XFJ").view()).isEqualTo(View.FULL);
        assertThat(supervised.get("XFJ").reasons()).containsExactly(Reason.SUPERVISION);
    }

    @Test
    void aDepartmentWhoseObjectionWasAcceptedHearsOfItAndNothingAfter() {
        CaseState kase = assignedCase("ZJJ", List.of("T002"), null);
        // the ledger takes ZJJ off the case as it accepts the objection
        kase.applyStatus(new org.petitionbridge.events.CaseStatusChanged(kase.petitionNo(), "OBJECTED", "ASSIGNED",
                CaseState.OBJECTION_ACCEPTED, "XFJ", null, List.of("T002"), "WAGE_ARREARS", "CLAIM", "990101002001",
                null, java.time.Instant.now(), Map.of(), "ZJJ", Map.of(), List.of(), Long.MAX_VALUE));
        assertThat(kase.assigned()).containsExactly("T002");
        assertThat(policy.recipients(new Occurrence(EventKind.STATUS, null, false, Set.of("ZJJ")), kase, List.of()))
                .extracting(Recipient::department).containsExactlyInAnyOrder("ZJJ", "T002");
        assertThat(policy.recipients(Occurrence.of(EventKind.STATUS), kase, List.of()))
                .extracting(Recipient::department).containsExactly("T002");
    }

    @Test
    void aRoutingDecisionReachesNobodyItNamesUntilTheLedgerAppliesIt() {
        CaseState kase = new CaseState("XF990101-20261126-000002");
        kase.applyReceived("e1", java.time.Instant.now(), Events.received(kase.petitionNo(), "WAGE_ARREARS", null),
                "{}", Set.of());
        kase.applyRouted("r1", java.time.Instant.now(), Events.routed(kase.petitionNo(), "WAGE_ARREARS", "RSJ",
                List.of("T002"), List.of()), "{}");
        assertThat(policy.recipients(Occurrence.of(EventKind.ROUTED), kase, List.of(webhook("s1", "RSJ", Set.of()))))
                .isEmpty();
    }

    @Test
    void theSupervisorSeesWhatItSubscribedToInFullLikeTheBureau() {
        CaseState kase = assignedCase("RSJ", List.of(), null);
        Map<String, Recipient> to = byDepartment(policy.recipients(Occurrence.of(EventKind.STATUS), kase,
                List.of(webhook("s1", "ZFB", Set.of(EventKind.STATUS)), webhook("s2", "MZJ", Set.of(EventKind.STATUS)))));
        assertThat(to.get("ZFB").view()).isEqualTo(View.FULL);
        assertThat(to.get("ZFB").reasons()).containsExactly(Reason.SUPERVISION);
        assertThat(to.get("MZJ").view()).isEqualTo(View.SUMMARY);
    }

    @Test
    void anEscalatedComplaintAboutTheBureauGoesToTheSupervisorInItsPlace() {
        CaseState kase = assignedCase("RSJ", List.of(), "XFJ");
        Map<String, Recipient> to = byDepartment(policy.recipients(new Occurrence(EventKind.DEADLINE,
                AudiencePolicy.ESCALATED, false, Set.of()), kase, List.of(webhook("s1", "XFJ", Set.of()))));
        assertThat(to.keySet()).containsExactlyInAnyOrder("RSJ", "ZFB");
        assertThat(to.get("ZFB").reasons()).containsExactly(Reason.ESCALATION);
    }

    private static SituationNotice warning(Set<String> responsible, Set<String> barred, boolean escalated) {
        return new SituationNotice(EventKind.WARNING, responsible, escalated, barred, "HOUSING_DEMOLITION",
                "990101002");
    }

    @Test
    void aWarningReachesItsDepartmentsAndTheBureauInFullOnEveryEndpointWithoutSelectingIt() {
        List<Interest> subscriptions = List.of(webhook("s1", "ZJJ", Set.of()), webhook("s2", "XFJ", Set.of()),
                webhook("s3", "RSJ", Set.of()));
        Map<String, Recipient> to = byDepartment(policy.recipients(warning(Set.of("ZJJ", "T002"), Set.of(), false),
                subscriptions));
        assertThat(to.keySet()).containsExactlyInAnyOrder("ZJJ", "T002", "XFJ");
        assertThat(to.get("ZJJ").view()).isEqualTo(View.FULL);
        assertThat(to.get("ZJJ").reasons()).containsExactly(Reason.RESPONSIBLE);
        assertThat(to.get("ZJJ").webhookSubscriptions()).containsExactly("s1");
        assertThat(to.get("XFJ").reasons()).containsExactly(Reason.RESPONSIBLE);
        assertThat(to.get("T002").webhookSubscriptions()).isEmpty();
    }

    @Test
    void anEscalatedWarningTellsTheActingBureauAndNeverABarredDepartmentWhateverItSelects() {
        List<Interest> subscriptions = List.of(webhook("s1", "ZJJ", Set.of(EventKind.WARNING)),
                webhook("s2", "ZFB", Set.of(EventKind.WARNING)));
        Map<String, Recipient> to = byDepartment(policy.recipients(warning(Set.of("T002"), Set.of("ZJJ"), true),
                subscriptions));
        assertThat(to).doesNotContainKey("ZJJ");
        assertThat(to.get("XFJ").reasons()).containsExactlyInAnyOrder(Reason.RESPONSIBLE, Reason.ESCALATION);
        assertThat(to.get("ZFB").reasons()).containsExactly(Reason.SUPERVISION);
        // a complaint about the bureau: the supervisor takes its place
        Map<String, Recipient> aboutBureau = byDepartment(policy.recipients(warning(Set.of("T002"), Set.of("XFJ"),
                true), List.of()));
        assertThat(aboutBureau).doesNotContainKey("XFJ");
        assertThat(aboutBureau.get("ZFB").reasons()).contains(Reason.ESCALATION);
    }

    @Test
    void anotherDepartmentsInterestInWarningsIsASummaryOnlyWhereItsFiltersMatch() {
        Interest demolitionInDonghe = new Interest("s1", "RSJ", true, Set.of(EventKind.WARNING),
                Set.of("HOUSING_DEMOLITION"), "990101002", Set.of());
        Interest wages = new Interest("s2", "YBJ", true, Set.of(EventKind.WARNING), Set.of("WAGE_ARREARS"), null,
                Set.of());
        Interest classes = new Interest("s3", "MZJ", true, Set.of(EventKind.WARNING), Set.of(), null,
                Set.of("CLAIM"));
        Map<String, Recipient> to = byDepartment(policy.recipients(warning(Set.of("ZJJ"), Set.of(), false),
                List.of(demolitionInDonghe, wages, classes)));
        assertThat(to.get("RSJ").view()).isEqualTo(View.SUMMARY);
        assertThat(to.get("RSJ").reasons()).containsExactly(Reason.INTEREST);
        assertThat(to).doesNotContainKeys("YBJ", "MZJ");
    }
}

package org.petitionbridge.security.visibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.PetitionReceived.ComplainedAgainst;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.Role;

class VisibilityPolicyTest {

    private final VisibilityPolicy policy = VisibilityPolicy.of(CountyReference.demo());

    private static Caller department(String code, Role role) {
        return new Caller(code.toLowerCase(), code, Set.of(role));
    }

    private static final Caller BUREAU = department("XFJ", Role.BUREAU);
    private static final Caller SUPERVISOR = department("ZFB", Role.SUPERVISOR);
    private static final Caller RSJ = department("RSJ", Role.DEPARTMENT);
    private static final Caller T002 = department("T002", Role.DEPARTMENT);
    private static final Caller ZJJ = department("ZJJ", Role.DEPARTMENT);
    private static final Caller JWJW = department("JWJW", Role.DEPARTMENT);
    private static final Caller ANALYST = new Caller("analyst", null, Set.of(Role.ANALYST));
    private static final Caller HOTLINE = new Caller("hotline", null, Set.of(Role.INTAKE_CHANNEL));

    private static PetitionParties ledRsjWithT002() {
        return PetitionParties.of("RSJ", List.of("T002"), Set.of());
    }

    @Test
    void handlersSeeEverythingAndReadIdentities() {
        PetitionParties p = ledRsjWithT002();
        assertThat(policy.access(RSJ, p)).isEqualTo(Access.FULL);
        assertThat(policy.access(T002, p)).isEqualTo(Access.FULL);
        assertThat(policy.mayReadIdentity(RSJ, p)).isTrue();
        assertThat(policy.mayReadIdentity(T002, p)).isTrue();
    }

    @Test
    void aDepartmentThatDoesNotHandleThePetitionSeesNothing() {
        assertThat(policy.access(ZJJ, ledRsjWithT002())).isEqualTo(Access.NONE);
        assertThat(policy.mayReadIdentity(ZJJ, ledRsjWithT002())).isFalse();
    }

    @Test
    void aDepartmentRemovedByTheLedgerLosesEverything() {
        // the ledger's case after an accepted objection that ended in triage: nobody handles it
        PetitionParties triage = PetitionParties.unassigned(Set.of());
        assertThat(policy.access(RSJ, triage)).isEqualTo(Access.NONE);
        assertThat(policy.mayReadIdentity(RSJ, triage)).isFalse();
        assertThat(policy.access(BUREAU, triage)).isEqualTo(Access.FULL);
        assertThat(policy.mayReadIdentity(BUREAU, triage)).isTrue();
    }

    @Test
    void theSupervisorReadsEveryCaseButNoIdentity() {
        assertThat(policy.access(SUPERVISOR, ledRsjWithT002())).isEqualTo(Access.FULL);
        assertThat(policy.mayReadIdentity(SUPERVISOR, ledRsjWithT002())).isFalse();
        assertThat(policy.mayReadIdentityAudit(SUPERVISOR, ledRsjWithT002())).isFalse();
        assertThat(policy.mayReadIdentityAudit(BUREAU, ledRsjWithT002())).isTrue();
    }

    @Test
    void theCountyLeaderReadsEveryCaseButNoIdentityAndNothingComplainingAboutTheCountyGovernment() {
        Caller leader = new Caller("county-leader", null, Set.of(Role.LEADER));
        assertThat(policy.access(leader, ledRsjWithT002())).isEqualTo(Access.FULL);
        assertThat(policy.access(leader, PetitionParties.of("JWJW", List.of(), Set.of("XFJ")))).isEqualTo(Access.FULL);
        assertThat(policy.access(leader, PetitionParties.of("JWJW", List.of(), Set.of("ZFB")))).isEqualTo(Access.NONE);
        assertThat(policy.mayReadIdentity(leader, ledRsjWithT002())).isFalse();
        assertThat(policy.mayReadIdentityAudit(leader, ledRsjWithT002())).isFalse();
        assertThat(policy.situation(leader, Set.of(), Set.of("RSJ"))).isEqualTo(Access.FULL);
        assertThat(policy.situation(leader, Set.of("ZFB"), Set.of("RSJ"))).isEqualTo(Access.NONE);
        assertThat(policy.barredViewer(leader)).isEqualTo("ZFB");
        assertThat(policy.barredViewer(RSJ)).isEqualTo("RSJ");
    }

    @Test
    void theDepartmentComplainedAboutLearnsNothingInAnyRole() {
        for (Caller barred : List.of(ZJJ, BUREAU, SUPERVISOR)) {
            PetitionParties p = PetitionParties.of("JWJW", List.of(), Set.of(barred.department()));
            assertThat(policy.access(barred, p)).as(barred.department()).isEqualTo(Access.NONE);
            assertThat(policy.mayReadIdentity(barred, p)).isFalse();
            assertThat(policy.mayReadIdentityAudit(barred, p)).isFalse();
            assertThat(policy.delivery(barred.department(), p, true)).isEqualTo(Access.NONE);
        }
    }

    @Test
    void aBarredDepartmentNamedAsHandlerStillSeesNothing() {
        PetitionParties p = PetitionParties.of("ZJJ", List.of("T002"), Set.of("ZJJ"));
        assertThat(p.handlers()).containsExactly("T002");
        assertThat(policy.access(ZJJ, p)).isEqualTo(Access.NONE);
        assertThat(policy.mayReadIdentity(ZJJ, p)).isFalse();
    }

    @Test
    void analystsSeeDeidentifiedFactsOnlyAndChannelsNothing() {
        assertThat(policy.access(ANALYST, ledRsjWithT002())).isEqualTo(Access.DEIDENTIFIED);
        assertThat(policy.mayReadIdentity(ANALYST, ledRsjWithT002())).isFalse();
        assertThat(policy.access(HOTLINE, ledRsjWithT002())).isEqualTo(Access.NONE);
    }

    @Test
    void complaintsAboutTheBureauAreTheSupervisorsToRun() {
        Set<String> barred = Set.of("XFJ");
        PetitionParties p = PetitionParties.unassigned(barred);
        assertThat(policy.actingBureau(barred)).isEqualTo("ZFB");
        assertThat(policy.actingSupervisor(barred)).isEqualTo("ZFB");
        assertThat(policy.mayReadIdentity(SUPERVISOR, p)).isTrue();
        assertThat(policy.mayReadIdentityAudit(SUPERVISOR, p)).isTrue();
        assertThat(policy.access(BUREAU, p)).isEqualTo(Access.NONE);
    }

    @Test
    void complaintsAboutTheSupervisorGoToTheDisciplineBodyForItsDecisions() {
        Set<String> barred = Set.of("ZFB");
        PetitionParties p = PetitionParties.of("RSJ", List.of(), barred);
        assertThat(policy.actingBureau(barred)).isEqualTo("XFJ");
        assertThat(policy.actingSupervisor(barred)).isEqualTo("JWJW");
        assertThat(policy.access(JWJW, p)).isEqualTo(Access.FULL);
        assertThat(policy.mayReadIdentity(JWJW, p)).isFalse();
        assertThat(policy.access(SUPERVISOR, p)).isEqualTo(Access.NONE);
        assertThat(policy.actingBureau(Set.of("XFJ", "ZFB"))).isEqualTo("JWJW");
    }

    @Test
    void aComplaintBarsTheUnitItsOfficialBelongsTo() {
        assertThat(policy.barredBy(new ComplainedAgainst("ZJJ", null))).containsExactly("ZJJ");
        assertThat(policy.barredBy(new ComplainedAgainst(null, "镇长", "990101002", null))).containsExactly("T002");
        // a village cadre: the government of the village's township neither handles it nor learns who brought it
        assertThat(policy.barredBy(new ComplainedAgainst(null, "村主任", null, "990101003002"))).containsExactly("T003");
        assertThat(policy.barredBy(new ComplainedAgainst("ZRZY", "所长", null, "990101003002")))
                .containsExactlyInAnyOrder("ZRZY", "T003");
        assertThat(policy.barredBy(null)).isEmpty();
        assertThat(policy.barredBy(new ComplainedAgainst(null, "某人", null, "999999999999"))).isEmpty();
    }

    @Test
    void notifyGivesOtherDepartmentsASummaryOfWhatTheySubscribedTo() {
        PetitionParties p = ledRsjWithT002();
        assertThat(policy.delivery("RSJ", p, false)).isEqualTo(Access.FULL);
        assertThat(policy.delivery("ZJJ", p, true)).isEqualTo(Access.SUMMARY);
        assertThat(policy.delivery("ZJJ", p, false)).isEqualTo(Access.NONE);
        assertThat(policy.delivery("XFJ", p, true)).isEqualTo(Access.FULL);
        assertThat(policy.delivery("ZFB", p, true)).isEqualTo(Access.FULL);
    }

    @Test
    void aSituationIsSeenByTheBureauTheSupervisorAndTheDepartmentsResponsible() {
        Set<String> responsible = Set.of("ZJJ", "T002");
        assertThat(policy.situation(BUREAU, Set.of(), responsible)).isEqualTo(Access.FULL);
        assertThat(policy.situation(SUPERVISOR, Set.of(), responsible)).isEqualTo(Access.FULL);
        assertThat(policy.situation(ZJJ, Set.of(), responsible)).isEqualTo(Access.FULL);
        assertThat(policy.situation(T002, Set.of(), responsible)).isEqualTo(Access.FULL);
        assertThat(policy.situation(RSJ, Set.of(), responsible)).isEqualTo(Access.NONE);
        assertThat(policy.situation(ANALYST, Set.of(), responsible)).isEqualTo(Access.NONE);
        assertThat(policy.situation(HOTLINE, Set.of(), responsible)).isEqualTo(Access.NONE);
    }

    @Test
    void aDepartmentBarredByOneOfASituationsPetitionsSeesNothingOfItEvenWhenResponsible() {
        assertThat(policy.situation(ZJJ, Set.of("ZJJ"), Set.of("ZJJ", "T002"))).isEqualTo(Access.NONE);
        assertThat(policy.situation(BUREAU, Set.of("XFJ"), Set.of("ZJJ"))).isEqualTo(Access.NONE);
        assertThat(policy.situationDelivery("ZJJ", Set.of("ZJJ"), Set.of("ZJJ"), true)).isEqualTo(Access.NONE);
    }

    @Test
    void anotherDepartmentGetsASummaryOfASituationOnlyWhenItsSubscriptionSelectsIt() {
        assertThat(policy.situationDelivery("RSJ", Set.of(), Set.of("ZJJ"), true)).isEqualTo(Access.SUMMARY);
        assertThat(policy.situationDelivery("RSJ", Set.of(), Set.of("ZJJ"), false)).isEqualTo(Access.NONE);
        assertThat(policy.situationDelivery("ZJJ", Set.of(), Set.of("ZJJ"), false)).isEqualTo(Access.FULL);
        assertThat(policy.situationDelivery("XFJ", Set.of(), Set.of("ZJJ"), false)).isEqualTo(Access.FULL);
    }

    @Test
    void whenAComplaintBarsTheBureauTheSupervisorActsForItOnASituation() {
        assertThat(policy.situationDelivery("ZFB", Set.of("XFJ"), Set.of("ZJJ"), false)).isEqualTo(Access.FULL);
        assertThat(policy.situationDelivery("JWJW", Set.of("XFJ", "ZFB"), Set.of("ZJJ"), false))
                .isEqualTo(Access.FULL);
    }
}

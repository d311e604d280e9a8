package org.petitionbridge.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.PetitionParties;
import org.petitionbridge.security.visibility.VisibilityPolicy;

/**
 * The ledger's lists are SQL, its single cases Java: both must say exactly what the shared visibility policy says.
 * For cases of every kind (handled, in triage, complaining about a department, the bureau, the supervisor, a village
 * cadre) and callers of every kind, a case is in the caller's list and readable by it exactly when the policy gives
 * the caller the whole case.
 */
class VisibleCasesTest extends LedgerIntegrationTest {

    private static final VisibilityPolicy POLICY = VisibilityPolicy.of(CountyReference.demo());
    private static final List<String> CALLERS = List.of("XFJ", "ZFB", "RSJ", "T002", "T003", "JWJW", "ZJJ", "MZJ");

    private record Made(String petitionNo, PetitionParties parties) {
    }

    private Made make(PetitionReceived.ComplainedAgainst complaint, String lead, List<String> coHandlers) {
        String petitionNo = newPetitionNo();
        Instant now = clock.instant();
        PetitionReceived r = received(petitionNo, now, null, null);
        publish(new PetitionReceived(r.petitionNo(), r.channel(), r.receivedAt(), r.registeredAt(), "990101003002",
                r.category(), r.petitionClass(), r.subject(), r.content(), r.groupSize(), r.group(), r.petitioners(),
                null, complaint, null), now);
        if (lead == null) {
            publish(new PetitionTriaged(petitionNo, "需信访局人工分办", null, null, List.of(), List.of(), "990101003002", 1,
                    now.plusMillis(1)), now.plusMillis(1));
        } else {
            publish(routed(petitionNo, "RULE", lead, coHandlers, now.plusMillis(1)), now.plusMillis(1));
        }
        String status = lead == null ? "TRIAGE" : "ASSIGNED";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> status.equals(jdbc.sql(
                "select status from petition_case where petition_no = ?").param(petitionNo).query(String.class)
                .optional().orElse(null)));
        return new Made(petitionNo, PetitionParties.of(lead, coHandlers, POLICY.barredBy(complaint)));
    }

    private List<String> listed(String department) throws Exception {
        List<String> numbers = new ArrayList<>();
        int page = 0;
        while (true) {
            HttpResponse<String> response = getAs(department, "/api/v1/cases?size=1000&page=" + page);
            assertThat(response.statusCode()).as(department).isEqualTo(200);
            json(response.body()).get("items").forEach(item -> numbers.add(item.get("petitionNo").asString()));
            if (json(response.body()).get("items").size() < 1000) {
                return numbers;
            }
            page++;
        }
    }

    @Test
    void listsAndSingleCasesShowExactlyWhatThePolicyAllows() throws Exception {
        List<Made> cases = List.of(
                make(null, "RSJ", List.of("T002")),
                make(null, null, List.of()),
                make(new PetitionReceived.ComplainedAgainst("ZJJ", "某科长"), "JWJW", List.of()),
                make(new PetitionReceived.ComplainedAgainst("XFJ", "某科长"), "RSJ", List.of()),
                make(new PetitionReceived.ComplainedAgainst("ZFB", null), "MZJ", List.of()),
                make(new PetitionReceived.ComplainedAgainst(null, "村主任", null, "990101003002"), "JWJW",
                        List.of()));
        Map<String, List<String>> mismatches = new LinkedHashMap<>();
        for (String department : CALLERS) {
            Caller caller = new Caller(department.toLowerCase(), department, Set.of(POLICY.roleOf(department)));
            List<String> listed = listed(department);
            for (Made made : cases) {
                boolean allowed = POLICY.access(caller, made.parties()) == Access.FULL;
                boolean inList = listed.contains(made.petitionNo());
                int status = getAs(department, "/api/v1/cases/" + made.petitionNo()).statusCode();
                if (inList != allowed || (status == 200) != allowed || (!allowed && status != 404)) {
                    mismatches.computeIfAbsent(department, d -> new ArrayList<>()).add(made.petitionNo() + " "
                            + made.parties() + ": policy " + allowed + ", listed " + inList + ", GET " + status);
                }
            }
        }
        // the county leader: every case but the complaint about the county government (ZFB)
        String leader = "Bearer " + org.petitionbridge.testsupport.TestTokens.get().client("county-leader",
                org.petitionbridge.security.Role.LEADER);
        Caller leaderCaller = new Caller("county-leader", null, Set.of(org.petitionbridge.security.Role.LEADER));
        String leaderList = request("/api/v1/cases?size=1000", null, leader).body();
        for (Made made : cases) {
            boolean allowed = POLICY.access(leaderCaller, made.parties()) == Access.FULL;
            int status = request("/api/v1/cases/" + made.petitionNo(), null, leader).statusCode();
            if (leaderList.contains(made.petitionNo()) != allowed || (status == 200) != allowed) {
                mismatches.computeIfAbsent("LEADER", d -> new ArrayList<>()).add(made.petitionNo() + " "
                        + made.parties() + ": policy " + allowed + ", listed " + leaderList.contains(made.petitionNo())
                        + ", GET " + status);
            }
        }
        assertThat(POLICY.access(leaderCaller, cases.get(4).parties())).as("a complaint about ZFB").isEqualTo(Access.NONE);
        assertThat(POLICY.access(leaderCaller, cases.get(3).parties())).as("a complaint about XFJ").isEqualTo(Access.FULL);
        assertThat(mismatches).isEmpty();
        // and the cases that matter most, spelled out
        assertThat(POLICY.access(new Caller("t003", "T003", Set.of(POLICY.roleOf("T003"))), cases.get(5).parties()))
                .isEqualTo(Access.NONE);
    }
}

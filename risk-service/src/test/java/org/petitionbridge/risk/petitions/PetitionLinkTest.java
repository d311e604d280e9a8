package org.petitionbridge.risk.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.risk.RiskIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Petitions received in a project's divisions and categories are linked to it, read from the real broker. */
class PetitionLinkTest extends RiskIntegrationTest {

    private List<String> linked(String department, String project) {
        return json(get(department, "/api/v1/projects/" + project + "/petitions")).valueStream()
                .map(p -> p.get("petitionNo").asString()).toList();
    }

    private void awaitFact(String petitionNo) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from petition_fact where petition_no = ?")
                .param(petitionNo).query(Integer.class).single() == 1);
    }

    @Test
    void aPetitionIsLinkedByItsVillageOrItsVillagesTownshipAndItsCategory() {
        String byVillage = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String byTownship = project("ZJJ", "[\"" + DONGHE_TOWNSHIP + "\"]", "[\"HOUSING_DEMOLITION\", \"LAND_REQUISITION\"]", 50);

        String inVillage = newPetitionNo();
        String otherVillage = newPetitionNo();
        String otherTownship = newPetitionNo();
        String otherCategory = newPetitionNo();
        publish(petition(inVillage, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        publish(petition(otherVillage, DONGHE_OTHER_VILLAGE, "LAND_REQUISITION", 1, null));
        publish(petition(otherTownship, XISHAN_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        publish(petition(otherCategory, DONGHE_VILLAGE, "WAGE_ARREARS", 1, null));
        List.of(inVillage, otherVillage, otherTownship, otherCategory).forEach(this::awaitFact);

        assertThat(linked("ZJJ", byVillage)).containsExactly(inVillage);
        assertThat(linked("ZJJ", byTownship)).containsExactly(inVillage, otherVillage);
    }

    @Test
    void aPetitionReceivedBeforeTheProjectWasRegisteredIsNotLinked() {
        String before = newPetitionNo();
        publish(petition(before, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null, Instant.now().minus(Duration.ofDays(3))));
        awaitFact(before);
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String after = newPetitionNo();
        publish(petition(after, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        awaitFact(after);
        assertThat(linked("ZJJ", project)).containsExactly(after);
    }

    @Test
    void theListShowsTheGroupSizeAndTheLedgersLatestStatus() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String group = newPetitionNo();
        publish(petition(group, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 12, null));
        awaitFact(group);
        publish(new CaseStatusChanged(group, "ASSIGNED", "REGISTERED", "ROUTED", null, "ZJJ", List.of("T002"),
                "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null, Map.of(),
                List.of(), 2L));
        // an older change arriving late does not replace it
        publish(new CaseStatusChanged(group, "REGISTERED", null, "OPENED", null, null, List.of(),
                "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null, Map.of(),
                List.of(), 1L));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from processed_event where event_type = 'petition.status.v1'").query(Integer.class)
                .single() >= 2 && "ASSIGNED".equals(jdbc.sql("select status from petition_status where petition_no = ?")
                .param(group).query(String.class).optional().orElse(null)));
        JsonNode listed = json(get("XFJ", "/api/v1/projects/" + project + "/petitions")).get(0);
        assertThat(listed.get("groupSize").asInt()).isEqualTo(12);
        assertThat(listed.get("group").asBoolean()).isTrue();
        assertThat(listed.get("status").asString()).isEqualTo("ASSIGNED");
    }

    @Test
    void theDepartmentAPetitionComplainsAboutNeverSeesIt() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String aboutZjj = newPetitionNo();
        String ordinary = newPetitionNo();
        publish(petition(aboutZjj, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, "ZJJ"));
        publish(petition(ordinary, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        awaitFact(aboutZjj);
        awaitFact(ordinary);
        assertThat(linked("ZJJ", project)).containsExactly(ordinary);
        assertThat(linked("XFJ", project)).containsExactlyInAnyOrder(aboutZjj, ordinary);
    }

    @Test
    void riskKeepsNoPersonalDataOfAPetition() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        awaitFact(petitionNo);
        String row = jdbc.sql("select t::text from petition_fact t where petition_no = ?").param(petitionNo)
                .query(String.class).single();
        assertThat(row).doesNotContain("pseudo-" + petitionNo, "王*", "房屋征收补偿", "征收补偿标准过低");
    }
}

package org.petitionbridge.risk.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.Topics;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.testsupport.ConsumerGroups;
import tools.jackson.databind.JsonNode;

/** Petitions received in a project's divisions and categories are linked to it, read from the real broker. */
class PetitionLinkTest extends RiskIntegrationTest {

    private List<String> linked(String department, String project) {
        return json(get(department, "/api/v1/projects/" + project + "/petitions")).valueStream()
                .map(p -> p.get("petitionNo").asString()).toList();
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
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String before = newPetitionNo();
        publish(petition(before, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null, Instant.now().minus(Duration.ofDays(3))));
        String after = newPetitionNo();
        publish(petition(after, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, null));
        awaitFact(before);
        awaitFact(after);
        assertThat(linked("ZJJ", project)).containsExactly(after);
    }

    @Test
    void aProjectRegisteredAfterAPetitionWasStoredStillGetsItWhenItWasReceivedAfterTheProject() {
        // stored before the project commits, received (by the petition's own time) after it was registered
        // (a village and category no other test uses: this petition's time is later than every project's here)
        String nanling = "990101004001";
        String later = newPetitionNo();
        publish(petition(later, nanling, "LAND_REQUISITION", 1, null, Instant.now().plus(Duration.ofHours(1))));
        awaitFact(later);
        String project = project("ZRZY", "[\"" + nanling + "\"]", "[\"LAND_REQUISITION\"]", 50);
        assertThat(linked("ZRZY", project)).containsExactly(later);
    }

    @Test
    void aPetitionWithoutACategoryIsLinkedOnceTheLedgerNamesOne() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String uncategorised = newPetitionNo();
        publish(petition(uncategorised, DONGHE_VILLAGE, null, 1, null));
        awaitFact(uncategorised);
        assertThat(linked("ZJJ", project)).isEmpty();
        publish(new CaseStatusChanged(uncategorised, "ASSIGNED", "REGISTERED", "ROUTED", null, "ZJJ", List.of("T002"),
                "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null, Map.of(),
                List.of(), 2L));
        await().atMost(Duration.ofSeconds(30)).until(() -> linked("ZJJ", project).contains(uncategorised));
    }

    @Test
    void aCategoryTheLedgerNamedBeforeThePetitionArrivedIsKept() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String early = newPetitionNo();
        publish(new CaseStatusChanged(early, "ASSIGNED", "REGISTERED", "ROUTED", null, "ZJJ",
                List.of("T002"), "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null,
                Map.of(), List.of(), 2L));
        ConsumerGroups.awaitCaughtUp(brokers, "risk", Topics.STATUS);
        publish(petition(early, DONGHE_VILLAGE, null, 1, null));
        awaitFact(early);
        assertThat(linked("ZJJ", project)).contains(early);
    }

    @Test
    void aRepeatOfAPetitionBarredForTheViewerDoesNotNameIt() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String aboutZjj = newPetitionNo();
        publish(petition(aboutZjj, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 1, "ZJJ"));
        awaitFact(aboutZjj);
        String repeat = newPetitionNo();
        publish(petitionRepeating(repeat, aboutZjj));
        awaitFact(repeat);
        JsonNode forZjj = json(get("ZJJ", "/api/v1/projects/" + project + "/petitions")).get(0);
        assertThat(forZjj.get("petitionNo").asString()).isEqualTo(repeat);
        assertThat(forZjj.get("repeatOf").isNull()).isTrue();
        assertThat(get("ZJJ", "/api/v1/projects/" + project + "/petitions").body()).doesNotContain(aboutZjj);
        JsonNode forBureau = json(get("XFJ", "/api/v1/projects/" + project + "/petitions")).get(1);
        assertThat(forBureau.get("repeatOf").asString()).isEqualTo(aboutZjj);
    }

    @Test
    void theListShowsTheGroupSizeAndTheLedgersLatestStatus() {
        String project = project("ZJJ", "[\"" + DONGHE_VILLAGE + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        String group = newPetitionNo();
        publish(petition(group, DONGHE_VILLAGE, "HOUSING_DEMOLITION", 12, null));
        awaitFact(group);
        publish(new CaseStatusChanged(group, "ASSIGNED", "REGISTERED", "ROUTED", null, "ZJJ",
                List.of("T002"), "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null,
                Map.of(), List.of(), 2L));
        // an older change arriving late does not replace it
        publish(new CaseStatusChanged(group, "REGISTERED", null, "OPENED", null, null, List.of(),
                "HOUSING_DEMOLITION", "CLAIM", DONGHE_VILLAGE, null, Instant.now(), Map.of(), null, Map.of(),
                List.of(), 1L));
        ConsumerGroups.awaitCaughtUp(brokers, "risk", Topics.STATUS);
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
}

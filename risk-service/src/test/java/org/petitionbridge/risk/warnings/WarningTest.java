package org.petitionbridge.risk.warnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.security.Role;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TestTokens;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Each warning type raised once per situation and updated as petitions join it, from petitions read off the real
 * broker; who sees and acts on a warning; escalation of an unacknowledged RED warning with a controllable clock.
 * Each test uses its own township and category, so that the tests of the module never share a situation.
 */
class WarningTest extends RiskIntegrationTest {

    @Autowired
    EscalationScanner escalations;

    private List<String> publishAll(String division, String category, int count, String complained) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String no = newPetitionNo();
            publish(petition(no, division, category, 1, complained));
            numbers.add(no);
        }
        numbers.forEach(this::awaitFact);
        return numbers;
    }

    /** Publishes a petition received at {@code receivedAt} and waits until risk stored it; returns its number. */
    private String stored(String division, String category, Instant receivedAt) {
        String no = newPetitionNo();
        publish(petition(no, division, category, 1, null, receivedAt));
        awaitFact(no);
        return no;
    }

    private JsonNode only(List<JsonNode> warnings) {
        assertThat(warnings).hasSize(1);
        return warnings.get(0);
    }

    private List<String> numbers(JsonNode warning) {
        return warning.get("petitionNos").valueStream().map(JsonNode::asString).toList();
    }

    private HttpResponse<String> act(String department, String warning, String body) {
        return post(department, "/api/v1/warnings/" + warning + "/actions", body);
    }

    @Test
    void aClusterIsRaisedOnceAtFivePetitionsUpdatedAsMoreJoinAndClosedByItsDepartment() {
        String village = "990101005001"; // 北湖乡北湖村; ENVIRONMENT is led by STHJ
        List<String> first = publishAll(village, "ENVIRONMENT", 4, null);
        assertThat(warningsNaming("XFJ", "CLUSTER", first.get(0))).isEmpty();

        List<String> fifth = publishAll(village, "ENVIRONMENT", 1, null);
        JsonNode raised = only(warningsNaming("XFJ", "CLUSTER", fifth.get(0)));
        assertThat(numbers(raised)).hasSize(5).containsAll(first);
        assertThat(raised.get("level").asString()).isEqualTo("YELLOW");
        assertThat(raised.get("townshipCode").asString()).isEqualTo("990101005");
        assertThat(raised.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T005", "STHJ");
        assertThat(raised.get("explanation").asString()).contains("北湖乡", "生态环境", "5 件");

        List<String> sixth = publishAll(village, "ENVIRONMENT", 1, null);
        JsonNode updated = only(warningsNaming("XFJ", "CLUSTER", sixth.get(0)));
        assertThat(updated.get("id").asString()).isEqualTo(raised.get("id").asString());
        assertThat(numbers(updated)).hasSize(6);
        assertThat(updated.get("sequence").asLong()).isEqualTo(2);

        // the events: RAISED, then UPDATED, keyed by the warning
        String id = raised.get("id").asString();
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RISK_WARNING))) {
            List<TopicReader.Read> events = await().atMost(Duration.ofSeconds(30)).until(
                    () -> reader.poll(Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key())).toList(),
                    e -> e.size() >= 2);
            assertThat(events).extracting(e -> TestHttp.json(e.body()).get("action").asString())
                    .containsExactly("RAISED", "UPDATED");
            assertThat(events.get(0).headers()).containsEntry("ce_type", "risk.warning.v1");
        }

        // STHJ takes it on, then closes it; petitions after that need five of their own for a new warning
        HttpResponse<String> acknowledged = act("STHJ", id, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"李科长\"}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json(acknowledged).get("status").asString()).isEqualTo("ACKNOWLEDGED");
        HttpResponse<String> resolved = act("T005", id,
                "{\"action\": \"RESOLVE\", \"measures\": \"关停排污口，逐户回访\"}");
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved).get("actions").valueStream().map(a -> a.get("action").asString()))
                .containsExactly("ACKNOWLEDGE", "RESOLVE");
        List<String> after = publishAll(village, "ENVIRONMENT", 4, null);
        assertThat(warningsNaming("XFJ", "CLUSTER", after.get(3))).isEmpty();
        assertThat(numbers(json(get("XFJ", "/api/v1/warnings/" + id)))).hasSize(6);
        List<String> fifthAfter = publishAll(village, "ENVIRONMENT", 1, null);
        JsonNode again = only(warningsNaming("XFJ", "CLUSTER", fifthAfter.get(0)));
        assertThat(again.get("id").asString()).isNotEqualTo(id);
        assertThat(numbers(again)).hasSize(5).containsAll(after).doesNotContainAnyElementsOf(sixth);
    }

    @Test
    void aWarningNamingMoreThanFiftyPetitionsNamesItsLatestFiftyInItsEventsAndEveryOneInTheApi() {
        String village = "990101004003"; // 南岭镇竹溪村; no other test petitions about MEDICAL_INSURANCE
        List<String> published = publishAll(village, "MEDICAL_INSURANCE", 55, null);
        JsonNode cluster = only(warningsNaming("XFJ", "CLUSTER", published.get(54)));
        List<String> all = numbers(cluster);
        assertThat(all).hasSize(55).containsExactlyInAnyOrderElementsOf(published);
        assertThat(numbers(json(get("XFJ", "/api/v1/warnings/" + cluster.get("id").asString())))).isEqualTo(all);

        // its events stay the same size however many join: the latest 50, oldest first, and how many in all
        String id = cluster.get("id").asString();
        List<JsonNode> events = new ArrayList<>();
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RISK_WARNING))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key()))
                        .forEach(r -> events.add(TestHttp.json(r.body())));
                return events.stream().anyMatch(e -> e.get("petitionCount").asInt() == 55);
            });
        }
        JsonNode last = events.stream().filter(e -> e.get("petitionCount").asInt() == 55).findFirst().orElseThrow();
        assertThat(last.get("petitionNos").valueStream().map(JsonNode::asString).toList())
                .isEqualTo(all.subList(5, 55));
        assertThat(events).allSatisfy(e -> assertThat(e.get("petitionNos").size())
                .isEqualTo(Math.min(50, e.get("petitionCount").asInt())));
        assertThat(last.get("explanation").asString()).contains("55 件");
    }

    @Test
    void aSpikeIsATownshipFarAboveItsTrailingWeeks() {
        Instant now = Instant.now();
        // 青石镇: four petitions in the four weeks before, one a week
        for (int days : new int[] {8, 15, 22, 27}) {
            String no = newPetitionNo();
            publish(petition(no, "990101006003", "TRANSPORT", 1, null, now.minus(Duration.ofDays(days))));
            awaitFact(no);
        }
        List<String> week = new ArrayList<>();
        week.addAll(publishAll("990101006001", "EDUCATION", 4, null));
        week.addAll(publishAll("990101006002", "HEALTH", 3, null));
        week.addAll(publishAll("990101006003", "MARKET_REGULATION", 2, null));
        assertThat(warningsNaming("XFJ", "SPIKE", week.get(0))).isEmpty();
        week.addAll(publishAll("990101006003", "MARKET_REGULATION", 1, null));

        JsonNode spike = only(warningsNaming("XFJ", "SPIKE", week.get(9)));
        assertThat(spike.get("townshipCode").asString()).isEqualTo("990101006");
        assertThat(numbers(spike)).containsExactlyElementsOf(week);
        assertThat(spike.get("explanation").asString()).contains("青石镇", "10 件", "1.0 件", "200%");
        assertThat(spike.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T006");
        // the township's government sees it; a department not responsible does not
        assertThat(warningsNaming("T006", "SPIKE", week.get(0))).hasSize(1);
        assertThat(warningsNaming("JYJ", "SPIKE", week.get(0))).isEmpty();

        // the eleventh joins it
        List<String> eleventh = publishAll("990101006002", "HEALTH", 1, null);
        JsonNode updated = only(warningsNaming("XFJ", "SPIKE", eleventh.get(0)));
        assertThat(updated.get("id").asString()).isEqualTo(spike.get("id").asString());
        assertThat(numbers(updated)).hasSize(11);
        assertThat(updated.get("explanation").asString()).contains("11 件");
    }

    @Test
    void aGroupPetitionIsWarnedOfAtOnceAndOnlyOnceEvenWhenItsEventIsDeliveredTwice() {
        String no = newPetitionNo();
        PetitionReceived group = petition(no, "990101004002", "RURAL_LAND_CONTRACT", 8, null);
        CloudEvent ce = CloudEvent.create("/test", PetitionReceived.TYPE, no, Instant.now());
        TestEvents.publish(brokers, Topics.RECEIVED, ce, group);
        TestEvents.publish(brokers, Topics.RECEIVED, ce, group);
        String marker = newPetitionNo();
        publish(petition(marker, "990101004002", "RURAL_LAND_CONTRACT", 1, null));
        awaitFact(marker);

        JsonNode warning = only(warningsNaming("XFJ", "GROUP_PETITION", no));
        assertThat(warning.get("level").asString()).isEqualTo("ORANGE");
        assertThat(numbers(warning)).containsExactly(no);
        // a township-tier category has no competent county department: the township answers for it
        assertThat(warning.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T004");
        assertThat(warning.get("explanation").asString()).contains("南岭镇茶园村", "8 人", "集体");
        assertThat(warningsNaming("XFJ", "GROUP_PETITION", marker)).isEmpty();
        // idempotent by the petition's number: risk records no event ids
        assertThat(jdbc.sql("select count(*) from processed_event").query(Integer.class).single()).isZero();
    }

    @Test
    void aGroupPetitionCategorisedLaterByTheLedgerGetsItsCategoryAndItsCompetentDepartment() {
        String no = newPetitionNo();
        publish(petition(no, "990101001001", null, 6, null));
        awaitFact(no);
        JsonNode before = only(warningsNaming("XFJ", "GROUP_PETITION", no));
        assertThat(before.get("category").isNull()).isTrue();
        assertThat(before.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T001");

        publish(new CaseStatusChanged(no, "ASSIGNED", "REGISTERED", "ROUTED", null, "RSJ", List.of(),
                "LABOR_EMPLOYMENT", "CLAIM", "990101001001", null, Instant.now(), Map.of(), null, Map.of(), List.of(),
                2L));
        await().atMost(Duration.ofSeconds(30)).until(() -> "LABOR_EMPLOYMENT".equals(
                only(warningsNaming("XFJ", "GROUP_PETITION", no)).get("category").asString()));
        JsonNode after = only(warningsNaming("RSJ", "GROUP_PETITION", no));
        assertThat(after.get("id").asString()).isEqualTo(before.get("id").asString());
        assertThat(after.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T001", "RSJ");
    }

    @Test
    void aProjectAssessedLowAfterItsPetitionsCameIsContradictedByThem() {
        String village = "990101005001"; // 北湖乡北湖村
        String project = project("ZJJ", "[\"" + village + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        assertThat(post("ZJJ", "/api/v1/projects/" + project + "/assessments", assessment(50, 5, null)).statusCode())
                .isEqualTo(201); // 10 % opposed: MEDIUM
        assertThat(post("ZJJ", "/api/v1/projects/" + project + "/decision",
                "{\"decision\": \"POSTPONE\", \"reason\": \"中风险，暂缓\"}").statusCode()).isEqualTo(200);
        List<String> three = publishAll(village, "HOUSING_DEMOLITION", 3, null);
        JsonNode before = only(warningsNaming("ZJJ", "PROJECT", three.get(2)));
        assertThat(before.get("level").asString()).isEqualTo("ORANGE");
        assertThat(before.get("contradictsAssessment").asBoolean()).isFalse();

        // measures taken, assessed again: LOW; the petitions already there now contradict it
        assertThat(post("ZJJ", "/api/v1/projects/" + project + "/assessments", assessment(50, 1, null)).statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> only(warningsNaming("ZJJ", "PROJECT", three.get(2)))
                .get("contradictsAssessment").asBoolean());
        JsonNode after = only(warningsNaming("ZJJ", "PROJECT", three.get(2)));
        assertThat(after.get("id").asString()).isEqualTo(before.get("id").asString());
        assertThat(after.get("level").asString()).isEqualTo("RED");
        assertThat(after.get("explanation").asString()).contains("稳评结论与信访态势不符");
    }

    @Test
    void theSameMatterPetitionedAThirdTimeIsWarnedOfAndTheFourthRaisesItsLevel() {
        String first = newPetitionNo();
        publish(petition(first, "990101004001", "NEIGHBOR_DISPUTE", 1, null));
        awaitFact(first);
        String second = newPetitionNo();
        publish(repeating(second, first));
        awaitFact(second);
        assertThat(warningsNaming("XFJ", "REPEAT", second)).isEmpty();
        String third = newPetitionNo();
        publish(repeating(third, first));
        awaitFact(third);
        JsonNode raised = only(warningsNaming("XFJ", "REPEAT", third));
        assertThat(numbers(raised)).containsExactly(first, second, third);
        assertThat(raised.get("level").asString()).isEqualTo("YELLOW");
        assertThat(raised.get("explanation").asString()).contains("第 3 次", first);

        // intake may link a later repeat to the one before it: the matter is still the same
        String fourth = newPetitionNo();
        publish(repeating(fourth, third));
        awaitFact(fourth);
        JsonNode updated = only(warningsNaming("XFJ", "REPEAT", fourth));
        assertThat(updated.get("id").asString()).isEqualTo(raised.get("id").asString());
        assertThat(numbers(updated)).containsExactly(first, second, third, fourth);
        assertThat(updated.get("level").asString()).isEqualTo("ORANGE");
    }

    private static PetitionReceived repeating(String petitionNo, String earlier) {
        Instant now = Instant.now();
        return new PetitionReceived(petitionNo, "VISIT", now, now, "990101004001", "NEIGHBOR_DISPUTE", "CLAIM",
                "再次反映", "排水纠纷仍未解决", 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo-" + petitionNo, "赵*")), earlier, null, null);
    }

    @Test
    void petitionsContradictingALowAssessmentRaiseARedProjectWarningForItsDepartmentAndTheBureau() {
        String village = "990101004003"; // 南岭镇竹溪村
        String project = project("ZJJ", "[\"" + village + "\"]", "[\"HOUSING_DEMOLITION\"]", 50);
        assertThat(post("ZJJ", "/api/v1/projects/" + project + "/assessments", assessment(50, 1, null)).statusCode())
                .isEqualTo(201);
        assertThat(post("ZJJ", "/api/v1/projects/" + project + "/decision",
                "{\"decision\": \"PROCEED\", \"reason\": \"低风险，按计划实施\"}").statusCode()).isEqualTo(200);
        List<String> two = publishAll(village, "HOUSING_DEMOLITION", 2, null);
        assertThat(warningsNaming("XFJ", "PROJECT", two.get(0))).isEmpty();
        List<String> third = publishAll(village, "HOUSING_DEMOLITION", 1, null);

        JsonNode warning = only(warningsNaming("ZJJ", "PROJECT", third.get(0)));
        assertThat(warning.get("projectId").asString()).isEqualTo(project);
        assertThat(warning.get("level").asString()).isEqualTo("RED");
        assertThat(warning.get("contradictsAssessment").asBoolean()).isTrue();
        assertThat(warning.get("explanation").asString()).startsWith("项目预警（红色）：稳评结论与信访态势不符")
                .contains("东河村棚户区改造", "3 件", "县住房和城乡建设局");
        assertThat(warning.get("departments").valueStream().map(JsonNode::asString)).containsExactly("ZJJ");
        assertThat(warningsNaming("XFJ", "PROJECT", third.get(0))).hasSize(1);
        assertThat(warningsNaming("ZFB", "PROJECT", third.get(0))).hasSize(1);
        assertThat(warningsNaming("RSJ", "PROJECT", third.get(0))).isEmpty();
        assertThat(get("RSJ", "/api/v1/warnings/" + warning.get("id").asString()).statusCode()).isEqualTo(404);

        // a fourth joins the same warning
        List<String> fourth = publishAll(village, "HOUSING_DEMOLITION", 1, null);
        JsonNode updated = only(warningsNaming("ZJJ", "PROJECT", fourth.get(0)));
        assertThat(updated.get("id").asString()).isEqualTo(warning.get("id").asString());
        assertThat(numbers(updated)).hasSize(4).containsAll(two).containsAll(third);
        assertThat(updated.get("explanation").asString()).contains("4 件");
    }

    @Test
    void aPetitionAboutADepartmentResponsibleCountsOnlyInAWarningTheBureauAloneSees() {
        String village = "990101001003"; // 城关镇河滨村; SOCIAL_ASSISTANCE is led by MZJ
        List<String> ordinary = publishAll(village, "SOCIAL_ASSISTANCE", 4, null);
        List<String> aboutMzj = publishAll(village, "SOCIAL_ASSISTANCE", 1, "MZJ");

        // five petitions, one of them about MZJ: only the bureau is warned, MZJ and the township are not
        JsonNode bureauOnly = only(warningsNaming("XFJ", "CLUSTER", aboutMzj.get(0)));
        assertThat(numbers(bureauOnly)).hasSize(5).containsAll(ordinary);
        assertThat(bureauOnly.get("departments").isEmpty()).isTrue();
        assertThat(bureauOnly.get("explanation").asString()).contains("仅信访局可见");
        String id = bureauOnly.get("id").asString();
        for (String department : List.of("MZJ", "T001")) {
            assertThat(warningsNaming(department, "CLUSTER", ordinary.get(0))).as(department).isEmpty();
            assertThat(get(department, "/api/v1/warnings/" + id).statusCode()).as(department).isEqualTo(404);
        }
        assertThat(act("MZJ", id, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"王科长\"}").statusCode()).isEqualTo(404);
        assertThat(get("MZJ", "/api/v1/warnings").body()).doesNotContain(id).doesNotContain(aboutMzj.get(0));

        // a fifth ordinary petition: MZJ and the township get their warning, without the petition about MZJ
        List<String> fifth = publishAll(village, "SOCIAL_ASSISTANCE", 1, null);
        JsonNode theirs = only(warningsNaming("MZJ", "CLUSTER", fifth.get(0)));
        assertThat(numbers(theirs)).hasSize(5).doesNotContain(aboutMzj.get(0));
        assertThat(theirs.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T001", "MZJ");
        assertThat(warningsNaming("T001", "CLUSTER", fifth.get(0))).hasSize(1);
        assertThat(numbers(json(get("XFJ", "/api/v1/warnings/" + id)))).hasSize(6);

        // The county leader reads both, the bureau's own included, and acts on neither.
        String leader = "Bearer " + TestTokens.get().client("county-leader", Role.LEADER);
        HttpResponse<String> all = TestHttp.send(port, "GET", "/api/v1/warnings?type=CLUSTER", null, null, leader, null);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(all.body()).contains(id, theirs.get("id").asString());
        assertThat(TestHttp.send(port, "GET", "/api/v1/warnings/" + id, null, null, leader, null).statusCode())
                .isEqualTo(200);
        assertThat(TestHttp.send(port, "POST", "/api/v1/warnings/" + id + "/actions", "application/json",
                "{\"action\": \"ACKNOWLEDGE\", \"person\": \"周县长\"}", leader, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aPetitionAboutAResponsibleDepartmentNeverChangesTheWarningThatDepartmentSees() {
        String village = "990101003003"; // 西山乡; SOCIAL_INSURANCE is led by RSJ
        List<String> five = publishAll(village, "SOCIAL_INSURANCE", 5, null);
        JsonNode before = only(warningsNaming("T003", "CLUSTER", five.get(4)));
        List<String> aboutTownship = new ArrayList<>();
        String no = newPetitionNo();
        Instant now = Instant.now();
        publish(new PetitionReceived(no, "VISIT", now, now, village, "SOCIAL_INSURANCE", "CLAIM", "反映乡政府", "乡政府不作为",
                1, false, List.of(), null, new PetitionReceived.ComplainedAgainst(null, null, "990101003", null), null));
        awaitFact(no);
        aboutTownship.add(no);

        JsonNode after = json(get("T003", "/api/v1/warnings/" + before.get("id").asString()));
        assertThat(after.get("sequence").asLong()).isEqualTo(before.get("sequence").asLong());
        assertThat(numbers(after)).containsExactlyElementsOf(numbers(before));
        assertThat(after.get("departments").valueStream().map(JsonNode::asString)).containsExactly("T003", "RSJ");
        assertThat(get("RSJ", "/api/v1/warnings").body()).doesNotContain(no);
        // the bureau alone sees all six
        JsonNode bureauOnly = only(warningsNaming("XFJ", "CLUSTER", no));
        assertThat(numbers(bureauOnly)).hasSize(6).containsAll(five).containsAll(aboutTownship);
        assertThat(bureauOnly.get("departments").isEmpty()).isTrue();
    }

    @Test
    void aClusterIsFoundWhateverOrderItsPetitionsAreConsumedIn() {
        String village = "990101001002"; // 城关镇城西社区, DISASTER_RELIEF
        Instant now = Instant.now();
        List<String> numbers = new ArrayList<>();
        // received 6, 5, 3 and 2 days ago; the one of 4 days ago is consumed last
        for (int days : new int[] {6, 5, 3, 2, 4}) {
            numbers.add(stored(village, "DISASTER_RELIEF", now.minus(Duration.ofDays(days))));
        }
        JsonNode cluster = only(warningsNaming("XFJ", "CLUSTER", numbers.get(4)));
        assertThat(numbers(cluster)).containsExactlyInAnyOrderElementsOf(numbers);
    }

    @Test
    void aPetitionReceivedBeforeTheWarningsLatestTakesItsPlaceInReceiptOrderInTheWarningsEvents() {
        String village = XISHAN_VILLAGE; // no other test petitions about PUBLIC_SECURITY
        Instant now = Instant.now();
        List<String> inReceiptOrder = new ArrayList<>();
        for (int hours : new int[] {60, 50, 40, 30, 20}) {
            inReceiptOrder.add(stored(village, "PUBLIC_SECURITY", now.minus(Duration.ofHours(hours))));
        }
        String id = only(warningsNaming("XFJ", "CLUSTER", inReceiptOrder.get(4))).get("id").asString();
        // received before all of them, consumed after them; then one received after them
        inReceiptOrder.add(0, stored(village, "PUBLIC_SECURITY", now.minus(Duration.ofHours(70))));
        inReceiptOrder.add(stored(village, "PUBLIC_SECURITY", now.minus(Duration.ofHours(1))));

        Map<Integer, List<String>> named = new java.util.HashMap<>();
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RISK_WARNING))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                reader.poll(Duration.ofMillis(300)).stream().filter(r -> id.equals(r.key()))
                        .map(r -> TestHttp.json(r.body()))
                        .forEach(e -> named.put(e.get("petitionCount").asInt(), e.get("petitionNos").valueStream()
                                .map(JsonNode::asString).toList()));
                return named.containsKey(7);
            });
        }
        // each joined in a batch of its own (the test waited for each), so each is heard of
        assertThat(named.get(6)).containsExactlyElementsOf(inReceiptOrder.subList(0, 6));
        assertThat(named.get(7)).containsExactlyElementsOf(inReceiptOrder);
    }

    @Test
    void whenAComplaintBarsTheBureauTheSupervisorActsOnTheWarning() {
        String no = newPetitionNo();
        Instant now = Instant.now();
        publish(new PetitionReceived(no, "VISIT", now, now, "990101005003", "VILLAGE_AFFAIRS", "CLAIM", "反映信访局",
                "信访局推诿", 9, true, List.of(), null, new PetitionReceived.ComplainedAgainst("XFJ", null), null));
        awaitFact(no);
        assertThat(warningsNaming("XFJ", "GROUP_PETITION", no)).isEmpty();
        JsonNode warning = only(warningsNaming("ZFB", "GROUP_PETITION", no));
        HttpResponse<String> dismissed = act("ZFB", warning.get("id").asString(),
                "{\"action\": \"DISMISS\", \"reason\": \"已转县纪委监委处理\"}");
        assertThat(dismissed.statusCode()).as(dismissed.body()).isEqualTo(200);
        assertThat(json(dismissed).get("status").asString()).isEqualTo("DISMISSED");
    }

    @Test
    void aRepeatStoredBeforeThePetitionItRepeatsStillCountsForTheMatter() {
        String first = newPetitionNo();
        String second = newPetitionNo();
        String third = newPetitionNo();
        Instant now = Instant.now();
        publish(new PetitionReceived(first, "VISIT", now, now, "990101005003", "NEIGHBOR_DISPUTE", "CLAIM", "x", "y", 1,
                false, List.of(), null, null, null));
        awaitFact(first);
        // the third (repeating the second) is consumed before the second (repeating the first)
        publish(new PetitionReceived(third, "VISIT", now, now, "990101005003", "NEIGHBOR_DISPUTE", "CLAIM", "x", "y", 1,
                false, List.of(), second, null, null));
        awaitFact(third);
        publish(new PetitionReceived(second, "VISIT", now, now, "990101005003", "NEIGHBOR_DISPUTE", "CLAIM", "x", "y", 1,
                false, List.of(), first, null, null));
        awaitFact(second);
        JsonNode repeat = only(warningsNaming("XFJ", "REPEAT", second));
        assertThat(numbers(repeat)).containsExactlyInAnyOrder(first, second, third);
        assertThat(repeat.get("explanation").asString()).contains("第 3 次", "首次 " + first);
    }

    @Test
    void anUnacknowledgedRedWarningEscalatesToTheBureauOnceAndAnAcknowledgedOneDoesNot() {
        String waiting = newPetitionNo();
        String takenOn = newPetitionNo();
        publish(petition(waiting, "990101005002", "WAGE_ARREARS", 60, null));
        publish(petition(takenOn, "990101005003", "WAGE_ARREARS", 55, null));
        awaitFact(waiting);
        awaitFact(takenOn);
        JsonNode red = only(warningsNaming("RSJ", "GROUP_PETITION", waiting));
        assertThat(red.get("level").asString()).isEqualTo("RED");
        String other = only(warningsNaming("RSJ", "GROUP_PETITION", takenOn)).get("id").asString();
        assertThat(act("RSJ", other, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"陈科长\"}").statusCode())
                .isEqualTo(200);

        escalations.scan();
        assertThat(json(get("XFJ", "/api/v1/warnings/" + red.get("id").asString())).get("escalatedAt").isNull())
                .isTrue();
        clock.advance(Duration.ofHours(12).plusMinutes(1));
        assertThat(escalations.scan()).isGreaterThanOrEqualTo(1);
        assertThat(escalations.scan()).isZero();

        JsonNode escalated = json(get("XFJ", "/api/v1/warnings/" + red.get("id").asString()));
        assertThat(escalated.get("escalatedAt").isNull()).isFalse();
        assertThat(escalated.get("status").asString()).isEqualTo("OPEN");
        assertThat(escalated.get("actions").valueStream().map(a -> a.get("action").asString()))
                .containsExactly("ESCALATE");
        assertThat(json(get("XFJ", "/api/v1/warnings/" + other)).get("escalatedAt").isNull()).isTrue();
        String id = red.get("id").asString();
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RISK_WARNING))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(300)).stream()
                    .filter(r -> id.equals(r.key())).map(r -> TestHttp.json(r.body()).get("action").asString()).toList()
                    .contains("ESCALATED"));
        }
    }

    @Test
    void actionsNeedTheirFieldAResponsibleDepartmentAndTheBureauToDismiss() {
        String no = newPetitionNo();
        publish(petition(no, "990101005002", "SOCIAL_INSURANCE", 6, null)); // led by RSJ, in 北湖乡 (T005)
        awaitFact(no);
        String id = only(warningsNaming("XFJ", "GROUP_PETITION", no)).get("id").asString();

        HttpResponse<String> noPerson = act("RSJ", id, "{\"action\": \"ACKNOWLEDGE\"}");
        assertThat(noPerson.statusCode()).isEqualTo(400);
        assertThat(json(noPerson).get("errors").get(0).get("field").asString()).isEqualTo("person");
        HttpResponse<String> noAction = act("RSJ", id, "{\"person\": \"李科长\"}");
        assertThat(noAction.statusCode()).isEqualTo(400);
        assertThat(noAction.body()).contains("action", "ACKNOWLEDGE, RESOLVE or DISMISS");
        HttpResponse<String> dismissed = act("RSJ", id, "{\"action\": \"DISMISS\", \"reason\": \"不需要\"}");
        assertThat(dismissed.statusCode()).isEqualTo(403);
        assertThat(dismissed.body()).contains("bureau-only");
        HttpResponse<String> supervisor = act("ZFB", id, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"周主任\"}");
        assertThat(supervisor.statusCode()).isEqualTo(403);
        assertThat(supervisor.body()).contains("responsible-only");
        assertThat(act("ZJJ", id, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"周主任\"}").statusCode()).isEqualTo(404);

        assertThat(act("XFJ", id, "{\"action\": \"DISMISS\", \"reason\": \"经核实为同一批人重复登记\"}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> late = act("RSJ", id, "{\"action\": \"ACKNOWLEDGE\", \"person\": \"李科长\"}");
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(late.body()).contains("warning-dismissed", "已撤销");
    }

    @Test
    void theRulesInForceAreShownWithTheirDefaults() {
        HttpResponse<String> r = get("ZJJ", "/api/v1/warnings/rules");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode rules = json(r).get("rules");
        assertThat(rules.get("cluster").get("petitions").asInt()).isEqualTo(5);
        assertThat(rules.get("cluster").get("days").asInt()).isEqualTo(7);
        assertThat(rules.get("project").get("petitions").asInt()).isEqualTo(3);
        assertThat(rules.get("project").get("days").asInt()).isEqualTo(30);
        assertThat(json(r).get("explained").valueStream().map(JsonNode::asString))
                .anyMatch(s -> s.startsWith("PROJECT 项目：30 天内"));
    }
}

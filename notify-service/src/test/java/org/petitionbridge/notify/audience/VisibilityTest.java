package org.petitionbridge.notify.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Who receives what of one petition, through webhooks and feeds alike. */
class VisibilityTest extends NotifyIntegrationTest {

    /** Every field a summary may have: petition number, category, class, division, status and dates. */
    private static final Set<String> SUMMARY_FIELDS = Set.of("petitionNo", "category", "petitionClass",
            "divisionCode", "status", "receivedAt", "occurredAt", "dueDates", "deadlineKind", "clock", "dueDate");
    private static final List<String> PRIVATE = List.of(Events.CONTENT, Events.SUBJECT, Events.PSEUDONYM,
            Events.MASKED_NAME, Events.TRACKING_HASH, Events.ACCUSED_PERSON);


    /**
     * Asserts that the department complained about learns nothing of the petition, in any channel, reading with
     * its own token: no request to its endpoint mentions the petition (whatever it was answered), its feed (every
     * page) does not, and its deliveries list does not; nor does the bureau find a delivery of it to the department.
     */
    private void assertNothingAbout(String petitionNo, String department, String path) throws Exception {
        assertThat(receiver.requests()).filteredOn(r -> r.path().equals(path))
                .noneMatch(r -> r.body().contains(petitionNo));
        List<JsonNode> feed = feed(department);
        assertThat(feed).allMatch(e -> e.get("department").asString().equals(department));
        assertThat(feed.toString()).doesNotContain(petitionNo);
        var deliveries = get("/api/v1/deliveries?limit=1000", department);
        assertThat(deliveries.statusCode()).isEqualTo(200);
        assertThat(deliveries.body()).doesNotContain(petitionNo);
        assertThat(get("/api/v1/deliveries?petitionNo=" + petitionNo, department).body()).isEqualTo("[]");
        assertThat(get("/api/v1/deliveries?department=" + department + "&petitionNo=" + petitionNo, "XFJ").body())
                .isEqualTo("[]");
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()).sorted().toList();
    }

    @Test
    void assignedDepartmentsSeeTheCaseInFullInterestSubscribersASummaryAndTheAccusedUnitNothing() throws Exception {
        String url = "\"url\": \"%s\"";
        String all = "\"eventTypes\": [\"received\", \"routed\", \"status\", \"deadline\"]";
        String matching = ", \"filters\": {\"categories\": [\"WAGE_ARREARS\"], \"divisionPrefix\": \"990101002\","
                + " \"classes\": [\"CLAIM\"]}";
        subscribe("RSJ", url.formatted(receiver.url("/rsj")));                           // lead: no selection needed
        subscribe("MZJ", url.formatted(receiver.url("/mzj")) + ", " + all + matching);    // interest, matching
        subscribe("JYJ", url.formatted(receiver.url("/jyj")) + ", " + all
                + ", \"filters\": {\"categories\": [\"EDUCATION\"]}");                     // interest, not matching
        // The unit complained about, with interest subscriptions that would select this petition: a webhook
        // selecting every event, one whose filters match it exactly, and a feed-only one.
        subscribe("ZJJ", url.formatted(receiver.url("/zjj")) + ", " + all);
        subscribe("ZJJ", url.formatted(receiver.url("/zjj")) + ", " + all + matching);
        subscribe("ZJJ", all + matching);
        subscribe("XFJ", url.formatted(receiver.url("/xfj")) + ", \"eventTypes\": [\"received\"]");   // the bureau
        // T002 (co-handler) has no subscription at all: it reads its feed.

        String petitionNo = newPetitionNo();
        publish(Events.received(petitionNo, "WAGE_ARREARS", "ZJJ"));
        publish(Events.routed(petitionNo, "WAGE_ARREARS", "RSJ", List.of("T002"), List.of("ZJJ")));
        publish(Events.status(petitionNo, "ASSIGNED", "RSJ", List.of("T002"), "WAGE_ARREARS", "ZJJ"));

        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/rsj", petitionNo).size() == 3
                && webhooks("/mzj", petitionNo).size() == 3 && feed("T002", petitionNo).size() == 3
                && webhooks("/xfj", petitionNo).size() == 1);
        List<String> everyType = List.of("petition.received.v1", "petition.routed.v1", "petition.status.v1");

        // The lead: everything of its case in full, the content included (even though the petition arrived
        // before the case was assigned), never the tracking code's hash.
        List<JsonNode> lead = webhooks("/rsj", petitionNo);
        assertThat(types(lead)).isEqualTo(everyType);
        JsonNode received = lead.stream().filter(e -> e.get("type").asString().equals("petition.received.v1"))
                .findFirst().orElseThrow();
        assertThat(received.get("view").asString()).isEqualTo("FULL");
        assertThat(received.get("data").get("content").asString()).isEqualTo(Events.CONTENT);
        assertThat(received.get("data").get("petitioners").get(0).get("pseudonym").asString()).isEqualTo(Events.PSEUDONYM);
        assertThat(received.get("data").get("petitioners").get(0).get("maskedName").asString())
                .isEqualTo(Events.MASKED_NAME);
        lead.forEach(e -> assertThat(e.toString()).doesNotContain(Events.TRACKING_HASH, "trackingCodeHash"));

        // The co-handler's feed: the same three events in full.
        List<JsonNode> coHandler = feed("T002", petitionNo);
        assertThat(types(coHandler)).isEqualTo(everyType);
        assertThat(coHandler).allMatch(e -> e.get("view").asString().equals("FULL"));
        assertThat(coHandler.toString()).contains(Events.CONTENT).doesNotContain(Events.TRACKING_HASH);

        // The interest subscriber: three summaries with nothing but number, category, class, division, status, dates.
        List<JsonNode> interest = new ArrayList<>(webhooks("/mzj", petitionNo));
        interest.addAll(feed("MZJ", petitionNo));
        assertThat(interest).hasSize(6);
        for (JsonNode e : interest) {
            assertThat(e.get("view").asString()).isEqualTo("SUMMARY");
            assertThat(e.get("reasons").get(0).asString()).isEqualTo("INTEREST");
            List<String> fields = new ArrayList<>(e.get("data").propertyNames());
            assertThat(SUMMARY_FIELDS).containsAll(fields);
            assertThat(e.get("data").get("category").asString()).isEqualTo("WAGE_ARREARS");
            assertThat(e.get("data").get("divisionCode").asString()).isEqualTo("990101002001");
            assertThat(e.toString()).doesNotContain(PRIVATE).doesNotContain("ZJJ", "RSJ", "T002");
        }

        // The bureau supervises every case: what it selected (received events) it sees in full, without the hash.
        JsonNode bureau = webhooks("/xfj", petitionNo).get(0);
        assertThat(bureau.get("view").asString()).isEqualTo("FULL");
        assertThat(bureau.get("reasons").get(0).asString()).isEqualTo("SUPERVISION");
        assertThat(bureau.get("data").get("content").asString()).isEqualTo(Events.CONTENT);
        assertThat(bureau.toString()).doesNotContain(Events.TRACKING_HASH);

        // The unit complained about and the non-matching subscriber: nothing, in any channel.
        assertNothingAbout(petitionNo, "ZJJ", "/zjj");
        assertThat(webhooks("/jyj", petitionNo)).isEmpty();
        assertThat(feed("JYJ", petitionNo)).isEmpty();
    }

    @Test
    void theAccusedUnitGetsNothingEvenWhenAnEventNamesItAsCoHandler() throws Exception {
        subscribe("ZJJ", "\"url\": \"" + receiver.url("/zjj") + "\"");
        subscribe("JWJW", "\"url\": \"" + receiver.url("/jwjw") + "\"");
        String petitionNo = newPetitionNo();
        publish(Events.received(petitionNo, "ACCUSATION", "ZJJ"));
        // (every upstream event names the unit complained about; these two wrongly do not, so let the received
        // event, which does, arrive first)
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from notify_case where petition_no = ? and 'ZJJ' = any(barred)").param(petitionNo)
                .query(Integer.class).single() == 1);
        publish(Events.status(petitionNo, "ASSIGNED", "JWJW", List.of("ZJJ"), "ACCUSATION", null));
        publish(Events.deadline(petitionNo, "OVERDUE", "ZJJ", List.of(), null));   // a wrong lead, later

        // the reminder goes to the lead the ledger's case names (JWJW), not to the one the clock event wrongly names
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/jwjw", petitionNo).size() == 3);
        assertThat(types(webhooks("/jwjw", petitionNo))).containsExactlyInAnyOrder("petition.received.v1",
                "petition.status.v1", "petition.deadline.v1");
        // the deadline event is consumed (its status is the newest the case knows) and gave ZJJ nothing either
        await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(jdbc.sql(
                "select status from notify_case where petition_no = ?").param(petitionNo).query(String.class).single()));
        assertNothingAbout(petitionNo, "ZJJ", "/zjj");
    }

    @Test
    void aPetitionAboutTheBureauIsAbsentFromTheDeliveriesTheBureauListsForOtherDepartments() throws Exception {
        subscribe("JWJW", "\"url\": \"" + receiver.url("/jwjw-bureau") + "\"");
        subscribe("XFJ", "\"url\": \"" + receiver.url("/xfj-about") + "\", "
                + "\"eventTypes\": [\"received\", \"routed\", \"status\"]");
        String aboutTheBureau = newPetitionNo();
        publish(Events.received(aboutTheBureau, "ACCUSATION", "XFJ"));
        publish(Events.routed(aboutTheBureau, "ACCUSATION", "JWJW", List.of(), List.of("XFJ")));
        publish(Events.status(aboutTheBureau, "ASSIGNED", "JWJW", List.of(), "ACCUSATION", "XFJ"));
        String other = newPetitionNo();
        publish(Events.received(other, "ACCUSATION", "ZJJ"));
        publish(Events.routed(other, "ACCUSATION", "JWJW", List.of(), List.of("ZJJ")));
        publish(Events.status(other, "ASSIGNED", "JWJW", List.of(), "ACCUSATION", "ZJJ"));
        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/jwjw-bureau", aboutTheBureau).size() == 3
                && !webhooks("/jwjw-bureau", other).isEmpty());

        // The handler has its deliveries; the bureau, listing the handler's deliveries, sees the other petition's
        // but not one of the petition about itself, and its own webhook and feed never carried it.
        assertThat(get("/api/v1/deliveries?petitionNo=" + aboutTheBureau, "JWJW").body()).contains(aboutTheBureau);
        assertThat(get("/api/v1/deliveries?department=JWJW&limit=1000", "XFJ").body())
                .contains(other).doesNotContain(aboutTheBureau);
        assertThat(get("/api/v1/deliveries?limit=1000", "XFJ").body()).doesNotContain(aboutTheBureau);
        assertNothingAbout(aboutTheBureau, "XFJ", "/xfj-about");
    }
}

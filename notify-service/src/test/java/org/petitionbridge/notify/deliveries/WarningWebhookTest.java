package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.ProjectChanged;
import org.petitionbridge.events.WarningChanged;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.TestEvents;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * risk's warnings and projects reach the departments responsible and the bureau without any subscription naming
 * them, signed like every webhook; a department a warning's petition bars never hears of it; another department's
 * interest subscription gets a summary without petition numbers.
 */
class WarningWebhookTest extends NotifyIntegrationTest {

    private static WarningChanged warning(String id, String action, List<String> departments, List<String> barred,
            List<String> petitions) {
        Instant now = Instant.now();
        return new WarningChanged(id, action, "PROJECT", "RED", "OPEN", null, "HOUSING_DEMOLITION",
                UUID.randomUUID().toString(), petitions, petitions.size(), departments,
                "项目预警（红色）：稳评结论与信访态势不符：……", true, now, now, barred, 1);
    }

    private String subscribeWebhook(String department, String path, String eventTypes) throws Exception {
        return subscribe(department, "\"url\": \"" + receiver.url(path) + "\""
                + (eventTypes == null ? "" : ", \"eventTypes\": " + eventTypes)).get("secret").asString();
    }

    private List<JsonNode> about(String path, String subject) {
        return webhooks(path, subject).stream().filter(w -> subject.equals(w.get("subject").asString())).toList();
    }

    @Test
    void aWarningReachesItsDepartmentAndTheBureauSignedWithoutSubscribingToWarnings() throws Exception {
        String zjjSecret = subscribeWebhook("ZJJ", "/zjj", null);
        subscribeWebhook("XFJ", "/xfj", null);
        subscribeWebhook("RSJ", "/rsj", null);
        String id = UUID.randomUUID().toString();
        String petition = newPetitionNo();
        TestEvents.publish(brokers, warning(id, "RAISED", List.of("ZJJ"), List.of(), List.of(petition)));

        WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(
                () -> receiver.deliveries().stream().filter(d -> d.path().equals("/zjj") && d.body().contains(id))
                        .findFirst().orElse(null), d -> d != null);
        assertThat(delivery.header("webhook-signature")).isEqualTo(WebhookSigner.sign(zjjSecret,
                delivery.header("webhook-id"), Long.parseLong(delivery.header("webhook-timestamp")), delivery.body()));
        JsonNode body = json(delivery.body());
        assertThat(body.get("type").asString()).isEqualTo("risk.warning.v1");
        assertThat(body.get("subject").asString()).isEqualTo(id);
        assertThat(body.get("view").asString()).isEqualTo("FULL");
        assertThat(body.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("RESPONSIBLE");
        assertThat(body.get("data").get("explanation").asString()).contains("稳评结论与信访态势不符");
        assertThat(body.get("data").get("petitionNos").get(0).asString()).isEqualTo(petition);
        assertThat(body.get("data").has("barredDepartments")).isFalse();

        await().atMost(Duration.ofSeconds(30)).until(() -> !about("/xfj", id).isEmpty());
        assertThat(about("/xfj", id).get(0).get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("RESPONSIBLE");
        assertThat(about("/rsj", id)).isEmpty();
        assertThat(feed("RSJ", id)).isEmpty();

        // the delivery is listed with its subject; it is no petition's
        JsonNode listed = json(get("/api/v1/deliveries?petitionNo=" + id, "ZJJ").body()).get(0);
        assertThat(listed.get("subject").asString()).isEqualTo(id);
        assertThat(listed.get("petitionNo").isNull()).isTrue();
        assertThat(listed.get("eventType").asString()).isEqualTo("risk.warning.v1");
    }

    @Test
    void aDepartmentAWarningsPetitionBarsNeverHearsOfItAndAnotherDepartmentsInterestGetsASummary() throws Exception {
        subscribeWebhook("ZJJ", "/zjj", "[\"warning\"]");
        subscribeWebhook("RSJ", "/rsj", "[\"warning\"]");
        subscribeWebhook("ZFB", "/zfb", "[\"warning\"]");
        subscribeWebhook("T001", "/t001", null);
        String id = UUID.randomUUID().toString();
        String aboutZjj = newPetitionNo();
        TestEvents.publish(brokers, warning(id, "RAISED", List.of("T001"), List.of("ZJJ"), List.of(aboutZjj)));
        TestEvents.publish(brokers, warning(id, "ESCALATED", List.of("T001"), List.of("ZJJ"), List.of(aboutZjj)));

        await().atMost(Duration.ofSeconds(30)).until(() -> about("/t001", id).size() == 2 && about("/rsj", id).size() == 2
                && about("/zfb", id).size() == 2);
        JsonNode summary = about("/rsj", id).get(0);
        assertThat(summary.get("view").asString()).isEqualTo("SUMMARY");
        assertThat(summary.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("INTEREST");
        assertThat(summary.get("data").get("petitionCount").asInt()).isEqualTo(1);
        assertThat(summary.toString()).doesNotContain(aboutZjj).doesNotContain("explanation");
        assertThat(about("/zfb", id).get(0).get("view").asString()).isEqualTo("FULL");
        assertThat(about("/zfb", id).get(0).get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("SUPERVISION");

        // the escalation reaches the bureau as 督办, in its feed without any subscription
        await().atMost(Duration.ofSeconds(30)).until(() -> feed("XFJ", id).size() == 2);
        assertThat(feed("XFJ", id).get(1).get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("ESCALATION", "RESPONSIBLE");
        assertThat(feed("ZJJ", id)).isEmpty();
        assertThat(receiver.deliveries().stream().filter(d -> d.path().equals("/zjj") && d.body().contains(id)))
                .isEmpty();
    }

    @Test
    void aProjectsEventsReachItsDepartmentAndTheBureau() throws Exception {
        subscribeWebhook("ZJJ", "/zjj", null);
        String project = UUID.randomUUID().toString();
        TestEvents.publish(brokers, new ProjectChanged(project, "DECIDED", "东河村棚户区改造", "ZJJ",
                List.of("990101002001"), List.of("HOUSING_DEMOLITION"), 120, LocalDate.parse("2027-03-01"),
                "PROCEEDING", "LOW", "PROCEED", Instant.now(), 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> !about("/zjj", project).isEmpty());
        JsonNode body = about("/zjj", project).get(0);
        assertThat(body.get("type").asString()).isEqualTo("risk.project.v1");
        assertThat(body.get("data").get("status").asString()).isEqualTo("PROCEEDING");
        await().atMost(Duration.ofSeconds(30)).until(() -> feed("XFJ", project).size() == 1);
        assertThat(feed("RSJ", project)).isEmpty();
    }

    @Test
    void aScreeningReminderReachesTheUnitsMissingAndARedCardTheResponsibleDepartmentAndTheLeadersUnit()
            throws Exception {
        subscribeWebhook("JTJ", "/jtj", null);
        subscribeWebhook("T004", "/t004", null);
        subscribeWebhook("ZFB", "/zfb", null);
        String round = UUID.randomUUID().toString();
        TestEvents.publish(brokers, new org.petitionbridge.events.ScreeningChanged(round, "REMINDER", "12月排查",
                "ROUTINE", Instant.now().plusSeconds(86400), List.of("JTJ"), List.of("JTJ"), null, Instant.now(), 3));
        String dispute = UUID.randomUUID().toString();
        TestEvents.publish(brokers, new org.petitionbridge.events.DisputeChanged(dispute, "RED_CARD", round, "T004",
                "990101004001", "990101004", "NEIGHBOR_DISPUTE", "两户村民因排水发生争执", 4, "MEDIUM", "IN_PROGRESS",
                "T004", "李科长", "王副县长", "ZFB", LocalDate.now().minusDays(8), 8, null, Instant.now(), 5));

        await().atMost(Duration.ofSeconds(30)).until(() -> !about("/jtj", round).isEmpty()
                && !about("/t004", dispute).isEmpty() && !about("/zfb", dispute).isEmpty());
        assertThat(about("/jtj", round).get(0).get("type").asString()).isEqualTo("risk.screening.v1");
        assertThat(about("/jtj", round).get(0).get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("RESPONSIBLE");
        assertThat(about("/t004", round)).isEmpty();
        JsonNode card = about("/t004", dispute).get(0);
        assertThat(card.get("type").asString()).isEqualTo("risk.dispute.v1");
        assertThat(card.get("data").get("daysOverdue").asInt()).isEqualTo(8);
        assertThat(about("/zfb", dispute).get(0).get("view").asString()).isEqualTo("FULL");
        await().atMost(Duration.ofSeconds(30)).until(() -> feed("XFJ", dispute).size() == 1);
        assertThat(feed("XFJ", dispute).get(0).get("reasons").valueStream().map(JsonNode::asString))
                .containsExactly("ESCALATION", "RESPONSIBLE");
        assertThat(feed("JTJ", dispute)).isEmpty();
    }
}

package org.petitionbridge.notify.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Reminders, 督办 escalation and bureau alerts go out whatever the departments' subscriptions select. */
class RemindersTest extends NotifyIntegrationTest {

    private boolean consumed(String petitionNo) {
        return jdbc.sql("select count(*) from notify_case where petition_no = ? and received_event_id is not null")
                .param(petitionNo).query(Integer.class).single() == 1;
    }

    @Test
    void dueSoonAndOverdueRemindTheLeadAndEscalationGoesToTheBureauAndTheSupervisor() throws Exception {
        for (String department : List.of("RSJ", "T002", "XFJ", "ZFB")) {
            subscribe(department, "\"url\": \"" + receiver.url("/" + department) + "\"");   // no selection at all
        }
        String late = newPetitionNo();
        String escalated = newPetitionNo();
        publish(Events.deadline(late, "DUE_SOON", "RSJ", List.of("T002"), null));
        publish(Events.deadline(late, "OVERDUE", "RSJ", List.of("T002"), null));
        publish(Events.deadline(escalated, "ESCALATED", "RSJ", List.of("T002"), null));

        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/RSJ", late).size() == 2
                && webhooks("/XFJ", escalated).size() == 1 && webhooks("/ZFB", escalated).size() == 1
                && webhooks("/RSJ", escalated).size() == 1);
        assertThat(webhooks("/RSJ", late)).extracting(e -> e.get("data").get("kind").asString())
                .containsExactlyInAnyOrder("DUE_SOON", "OVERDUE");
        assertThat(webhooks("/RSJ", late)).allMatch(e -> e.get("reasons").get(0).asString().equals("REMINDER"));
        for (String supervisor : List.of("/XFJ", "/ZFB")) {
            JsonNode escalation = webhooks(supervisor, escalated).get(0);
            assertThat(escalation.get("type").asString()).isEqualTo("petition.deadline.v1");
            assertThat(escalation.get("view").asString()).isEqualTo("FULL");
            assertThat(escalation.get("reasons").get(0).asString()).isEqualTo("ESCALATION");
            assertThat(escalation.get("data").get("kind").asString()).isEqualTo("ESCALATED");
        }
        // Reminders are the lead's: the co-handler, the bureau and the supervisor do not get DUE_SOON or OVERDUE.
        assertThat(webhooks("/T002", late)).isEmpty();
        assertThat(webhooks("/XFJ", late)).isEmpty();
        assertThat(webhooks("/ZFB", late)).isEmpty();
        assertThat(feed("T002", late)).isEmpty();
        assertThat(webhooks("/T002", escalated)).isEmpty();
    }

    @Test
    void aGroupPetitionOrARepeatAlertsTheBureauAtOnce() throws Exception {
        subscribe("XFJ", "\"url\": \"" + receiver.url("/XFJ") + "\"");   // no selection at all
        String earlier = newPetitionNo();
        String group = newPetitionNo();
        String repeat = newPetitionNo();
        String ordinary = newPetitionNo();
        publish(Events.received(group, "LAND_REQUISITION", null, true, null));
        publish(Events.received(repeat, "LAND_REQUISITION", null, false, earlier));
        publish(Events.received(ordinary, "LAND_REQUISITION", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> webhooks("/XFJ", group).size() == 1
                && webhooks("/XFJ", repeat).size() == 1 && consumed(ordinary));
        JsonNode alert = webhooks("/XFJ", group).get(0);
        assertThat(alert.get("reasons").get(0).asString()).isEqualTo("BUREAU_ALERT");
        assertThat(alert.get("view").asString()).isEqualTo("FULL");
        assertThat(alert.get("data").get("group").asBoolean()).isTrue();
        assertThat(alert.get("data").get("groupSize").asInt()).isEqualTo(6);
        assertThat(alert.toString()).doesNotContain(Events.TRACKING_HASH);
        assertThat(webhooks("/XFJ", repeat).get(0).get("data").get("repeatOf").asString()).isEqualTo(earlier);
        assertThat(webhooks("/XFJ", ordinary)).isEmpty();
        assertThat(feed("XFJ", ordinary)).isEmpty();
        assertThat(feed("XFJ", group)).hasSize(1);
    }
}

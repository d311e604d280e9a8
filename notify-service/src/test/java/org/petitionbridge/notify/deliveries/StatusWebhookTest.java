package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

class StatusWebhookTest extends NotifyIntegrationTest {

    /** The department subscribes with its token; the body may also name the department, if it is the token's. */
    private String subscribeNamingItself(String department, String path) throws Exception {
        var response = postJson("/api/v1/subscriptions",
                "{\"department\": \"" + department + "\", \"url\": \"" + receiver.url(path) + "\"}", department);
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode created = json(response.body());
        assertThat(created.get("department").asString()).isEqualTo(department);
        assertThat(created.get("secret").asString()).startsWith("whsec_");
        return created.get("secret").asString();
    }

    @Test
    void theAssignedDepartmentsReceiveASignedStatusWebhookAndTheComplainedAboutOneDoesNot() throws Exception {
        String petitionNo = newPetitionNo();
        String leadSecret = subscribeNamingItself("ZJJ", "/zjj");
        subscribeNamingItself("T002", "/t002");
        subscribeNamingItself("RSJ", "/rsj");   // not assigned to this case, and no interest subscription

        publish(Events.status(petitionNo, "ASSIGNED", "ZJJ", List.of("T002"), "HOUSING_DEMOLITION", "T002"));

        WebhookReceiver.Delivery delivery = await().atMost(Duration.ofSeconds(30)).until(
                () -> receiver.deliveries().stream().filter(d -> d.body().contains(petitionNo)).findFirst()
                        .orElse(null), d -> d != null);
        assertThat(delivery.path()).isEqualTo("/zjj");
        String expected = WebhookSigner.sign(leadSecret, delivery.header("webhook-id"),
                Long.parseLong(delivery.header("webhook-timestamp")), delivery.body());
        assertThat(delivery.header("webhook-signature")).isEqualTo(expected);
        JsonNode body = json(delivery.body());
        assertThat(body.get("type").asString()).isEqualTo("petition.status.v1");
        assertThat(body.get("view").asString()).isEqualTo("FULL");
        assertThat(body.get("department").asString()).isEqualTo("ZJJ");
        assertThat(body.get("reasons").get(0).asString()).isEqualTo("HANDLER");
        assertThat(body.get("data").get("status").asString()).isEqualTo("ASSIGNED");

        // The delivery is recorded, and nothing else was delivered for this case: T002 is complained about, RSJ not assigned.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from delivery where subject = ? and status = 'DELIVERED'").param(petitionNo)
                .query(Integer.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from delivery where subject = ?").param(petitionNo)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(receiver.deliveries().stream().filter(d -> d.body().contains(petitionNo))).hasSize(1);
        assertThat(feed("T002", petitionNo)).isEmpty();
        assertThat(feed("RSJ", petitionNo)).isEmpty();
    }
}

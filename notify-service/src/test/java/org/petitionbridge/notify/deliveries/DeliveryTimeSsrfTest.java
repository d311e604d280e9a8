package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import tools.jackson.databind.JsonNode;

class DeliveryTimeSsrfTest extends NotifyIntegrationTest {

    /**
     * A URL accepted at registration can point elsewhere later (its DNS name now resolves to an internal address).
     * The row is written directly, as registration would have accepted it then: "localhost" is not allow-listed
     * (only 127.0.0.1 is), and only resolving the name shows that it is loopback.
     */
    @Test
    void aUrlThatNowResolvesToLoopbackIsRefusedAtDeliveryAndNeverCalled() throws Exception {
        String id = UUID.randomUUID().toString();
        String url = receiver.url("/wjj").replace("http://127.0.0.1", "https://localhost");
        jdbc.sql("""
                insert into subscription (id, department, url, event_types, secret, created_at)
                values (?::uuid, 'WJJ', ?, '{}', ?, now())""")
                .params(id, url, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])).update();
        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", "WJJ", List.of(), "HEALTH", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/deliveries?petitionNo=" + petitionNo, "WJJ")
                .body().contains("\"DEAD\""));
        JsonNode delivery = json(get("/api/v1/deliveries?petitionNo=" + petitionNo, "WJJ").body()).get(0);
        assertThat(delivery.get("lastError").asString()).startsWith("URL refused: ")
                .contains("not public");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(4);
        assertThat(receiver.requests()).isEmpty();
        assertThat(receiver.calls()).isZero();
    }
}

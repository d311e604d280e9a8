package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;
import org.petitionbridge.notify.Events;
import org.petitionbridge.notify.NotifyIntegrationTest;
import org.petitionbridge.testsupport.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * Signatures are checked with the official Standard Webhooks Java library (com.standardwebhooks:standardwebhooks),
 * which shares no code with {@link WebhookSigner}: what it accepts, any department's verifier accepts.
 */
class SignatureVerificationTest extends NotifyIntegrationTest {

    private WebhookReceiver.Delivery awaitDelivery(String petitionNo) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> receiver.deliveries().stream()
                .filter(d -> d.body().contains(petitionNo)).findFirst().orElse(null), d -> d != null);
    }

    @Test
    void theOfficialStandardWebhooksLibraryAcceptsTheSignatureAndRefusesATamperedBody() throws Exception {
        JsonNode subscription = subscribe("RSJ", "\"url\": \"" + receiver.url("/hooks/rsj") + "\"");
        String secret = subscription.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSizeGreaterThanOrEqualTo(24);

        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", "RSJ", List.of(), "WAGE_ARREARS", null));
        WebhookReceiver.Delivery delivery = awaitDelivery(petitionNo);

        assertThat(delivery.header("webhook-id")).startsWith("msg_");
        assertThat(Long.parseLong(delivery.header("webhook-timestamp")))
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(delivery.header("content-type")).isEqualTo("application/json");
        new Webhook(secret).verify(delivery.body(), delivery.headers());   // throws if not accepted

        assertThatThrownBy(() -> new Webhook(secret).verify(delivery.body().replace("ASSIGNED", "CLOSED"),
                delivery.headers())).isInstanceOf(WebhookVerificationException.class);
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new Webhook(otherSecret).verify(delivery.body(), delivery.headers()))
                .isInstanceOf(WebhookVerificationException.class);
        Map<String, List<String>> replayed = new HashMap<>(delivery.headers());
        replayed.put("webhook-timestamp", List.of(Long.toString(Instant.now().minusSeconds(3600).getEpochSecond())));
        assertThatThrownBy(() -> new Webhook(secret).verify(delivery.body(), replayed))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringARotationBothTheNewAndThePreviousSecretVerify() throws Exception {
        JsonNode subscription = subscribe("YBJ", "\"url\": \"" + receiver.url("/hooks/ybj") + "\"");
        String previous = subscription.get("secret").asString();
        var rotated = postJson("/api/v1/subscriptions/" + subscription.get("id").asString() + "/rotate-secret", "",
                "YBJ");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String current = json(rotated.body()).get("secret").asString();
        assertThat(current).startsWith("whsec_").isNotEqualTo(previous);
        assertThat(Instant.parse(json(rotated.body()).get("previousSecretValidUntil").asString()))
                .isAfter(Instant.now().plus(Duration.ofHours(23)));

        String petitionNo = newPetitionNo();
        publish(Events.status(petitionNo, "ASSIGNED", "YBJ", List.of(), "MEDICAL_INSURANCE", null));
        WebhookReceiver.Delivery delivery = awaitDelivery(petitionNo);

        assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        new Webhook(current).verify(delivery.body(), delivery.headers());
        new Webhook(previous).verify(delivery.body(), delivery.headers());

        // Another department cannot rotate YBJ's secret, nor learn that the subscription exists; nor can the
        // bureau, which would then hold a secret that signs webhooks YBJ's system accepts.
        assertThat(postJson("/api/v1/subscriptions/" + subscription.get("id").asString() + "/rotate-secret", "",
                "RSJ").statusCode()).isEqualTo(404);
        assertThat(postJson("/api/v1/subscriptions/" + subscription.get("id").asString() + "/rotate-secret", "",
                "XFJ").statusCode()).isEqualTo(404);
    }
}

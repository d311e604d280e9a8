package org.petitionbridge.notify.deliveries;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The signatures are the Standard Webhooks specification's: checked against the specification's own example and
 * against the HMAC written out here, independently of the library that signs.
 */
class WebhookSignerTest {

    @Test
    void theSpecificationsExampleSignsAsPublished() {
        // the example of the Standard Webhooks specification (standard-webhooks.md, "Signature scheme")
        assertThat(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}")).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theSignatureIsTheHmacOfIdTimestampAndBody() throws Exception {
        byte[] key = new byte[32];
        key[0] = 7;
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected = "v1," + Base64.getEncoder().encodeToString(
                mac.doFinal("msg_1.1796000000.{\"a\":\"东河村\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(WebhookSigner.sign(secret, "msg_1", 1796000000L, "{\"a\":\"东河村\"}")).isEqualTo(expected);
    }

    @Test
    void duringARotationBothSignaturesAreSentSeparatedByASpace() {
        String current = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        String previous = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
        String both = WebhookSigner.signatures(current, previous, "msg_2", 1796000000L, "{}");
        assertThat(both.split(" ")).containsExactly(WebhookSigner.sign(current, "msg_2", 1796000000L, "{}"),
                WebhookSigner.sign(previous, "msg_2", 1796000000L, "{}"));
        assertThat(WebhookSigner.signatures(current, null, "msg_2", 1796000000L, "{}")).doesNotContain(" ");
    }
}

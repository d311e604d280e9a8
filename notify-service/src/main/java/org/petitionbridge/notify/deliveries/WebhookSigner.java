package org.petitionbridge.notify.deliveries;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), where
 * the key is the base64-decoded part of the {@code whsec_} secret.
 */
public final class WebhookSigner {

    private WebhookSigner() {
    }

    /**
     * The {@code webhook-signature} header value: the current secret's signature and, during a rotation window,
     * the previous secret's too, separated by a space as the specification allows. A receiver accepts the message
     * when any one of them verifies.
     */
    public static String signatures(String secret, String previousSecret, String webhookId, long timestampSeconds,
            String body) {
        String current = sign(secret, webhookId, timestampSeconds, body);
        return previousSecret == null ? current
                : current + " " + sign(previousSecret, webhookId, timestampSeconds, body);
    }

    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        byte[] key = Base64.getDecoder().decode(encoded);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((webhookId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

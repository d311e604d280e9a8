package org.petitionbridge.notify.deliveries;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Standard Webhooks signatures ({@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)), the key
 * being the base64-decoded part of the {@code whsec_} secret), made by the official Standard Webhooks library.
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

    /** One signature, by the official Standard Webhooks library (the one departments are told to verify with). */
    public static String sign(String secret, String webhookId, long timestampSeconds, String body) {
        try {
            return new Webhook(secret).sign(webhookId, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("the webhook could not be signed", e);
        }
    }
}

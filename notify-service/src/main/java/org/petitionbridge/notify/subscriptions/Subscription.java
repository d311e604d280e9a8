package org.petitionbridge.notify.subscriptions;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** A department's subscription. The signing secret is shown only in the answer that creates it. */
@Schema(description = "A department's subscription to petition events")
public record Subscription(
        String id,
        @Schema(example = "RSJ") String department,
        @Schema(description = "The webhook URL; null for the pull feed only") String url,
        @Schema(description = "Event types delivered: status") List<String> eventTypes,
        @Schema(description = "The Standard Webhooks signing secret (whsec_...), returned only when the subscription is created")
        String secret,
        Instant createdAt) {
}

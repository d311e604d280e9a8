package org.petitionbridge.notify.subscriptions;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A department's subscription. The signing secret is shown only in the answers that create or rotate it. */
@Schema(description = "A department's subscription to petition events")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        String id,
        @Schema(example = "RSJ") String department,
        @Schema(description = "The webhook URL; absent for the pull feed only") String url,
        @Schema(description = "Event types that select interest summaries of cases not assigned to the department "
                + "(received, routed, status, deadline) and of risk's warnings, projects, screening rounds and disputes "
                + "it is not responsible for (warning, project, screening, dispute). The department's own cases, "
                + "reminders, bureau alerts and what it answers for in risk are delivered whatever this says")
        List<String> eventTypes,
        @Schema(description = "Filters on the selected events: all given ones must match") Filters filters,
        @Schema(description = "False once deleted, or disabled because the endpoint answered 410 Gone") boolean active,
        @Schema(description = "GONE (the endpoint answered 410) or DELETED") String disabledReason,
        @Schema(description = "The Standard Webhooks signing secret (whsec_ + base64 of 32 random bytes), returned "
                + "only when the subscription is created or its secret rotated") String secret,
        @Schema(description = "After a rotation: until when the previous secret also signs")
        Instant previousSecretValidUntil,
        Instant createdAt) {

    /**
     * Filters of a subscription: categories, a division code prefix, petition classes. The constraints are the
     * shape of a new subscription's filters; {@link SubscriptionService} checks the categories against the county.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Filters(
            @Schema(example = "[\"WAGE_ARREARS\"]") List<String> categories,
            @Schema(example = "990101002")
            @Pattern(regexp = "\\d{2,12}", message = "must be 2 to 12 digits of a division code, e.g. 990101002")
            String divisionPrefix,
            @Schema(example = "[\"CLAIM\"]")
            List<@NotNull(message = "must be one of " + SubscriptionService.CLASSES_LISTED)
                 @Pattern(regexp = SubscriptionService.CLASSES_PATTERN,
                         message = "must be one of " + SubscriptionService.CLASSES_LISTED) String> classes) {

        public static final Filters NONE = new Filters(List.of(), null, List.of());
    }
}

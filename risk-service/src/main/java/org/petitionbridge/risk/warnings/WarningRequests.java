package org.petitionbridge.risk.warnings;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The bodies of the warnings API; which field an action needs is {@link WarningAction#requiredField()}. */
public final class WarningRequests {

    private WarningRequests() {
    }

    @Schema(description = "An action on a warning: ACKNOWLEDGE naming the person in charge, RESOLVE with the measures taken, DISMISS (the bureau) with a reason")
    public record NewAction(
            @NotNull(message = "is required: ACKNOWLEDGE, RESOLVE or DISMISS") WarningAction action,
            @Schema(description = "With ACKNOWLEDGE: the person in charge (包案人)", example = "李科长")
            @Size(max = 100, message = "must be at most 100 characters") String person,
            @Schema(description = "With RESOLVE: the measures taken", example = "逐户走访，公开补偿标准")
            @Size(max = 5000, message = "must be at most 5000 characters") String measures,
            @Schema(description = "With DISMISS: why the warning needs no action")
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {

        /** The text of the field the action requires. */
        String required() {
            return action == null ? null : switch (action) {
                case ACKNOWLEDGE -> person;
                case RESOLVE -> measures;
                case DISMISS -> reason;
            };
        }
    }
}

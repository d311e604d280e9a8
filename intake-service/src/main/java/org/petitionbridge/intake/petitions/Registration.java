package org.petitionbridge.intake.petitions;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a registration. The tracking code is shown here once; intake keeps only its hash. */
@Schema(description = "A registered petition")
public record Registration(
        @Schema(example = "XF990101-20261126-000123") String petitionNo,
        @Schema(description = "Give this to the petitioner: it is needed to query progress and is not shown again")
        String trackingCode,
        @Schema(example = "REGISTERED") String status,
        Instant receivedAt,
        @Schema(description = "The earlier petition this one repeats, or null") String repeatOf,
        @Schema(description = "A group petition (集体访): 5 people or more") boolean group) {
}

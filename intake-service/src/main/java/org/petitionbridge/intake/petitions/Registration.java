package org.petitionbridge.intake.petitions;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a registration. The tracking code is shown here once; intake keeps only its hash, so a replay
 * of the same request (same Idempotency-Key) answers with the same petition and {@code trackingCode} null.
 */
@Schema(description = "A registered petition")
public record Registration(
        @Schema(description = "The petition number: XF, county code, registration date (Asia/Shanghai), daily sequence",
                example = "XF990101-20261126-000123")
        String petitionNo,
        @Schema(description = "Give this to the petitioner: it is needed to query progress and is not shown again. "
                + "12 characters; null in the replay of an earlier request (Idempotency-Key)",
                example = "7KQ2M9XRB4TW", nullable = true)
        String trackingCode,
        @Schema(description = "Always REGISTERED: routing and the ledger take it from here", example = "REGISTERED")
        String status,
        @Schema(description = "When the petition was received (the statutory clocks start here)",
                example = "2026-11-20T01:30:00Z")
        Instant receivedAt,
        @Schema(description = "The earlier petition this one repeats (same petitioner, category and division within "
                + "the repeat window): the earliest still open, else the last one; null when it is no repeat",
                example = "XF990101-20260305-000042", nullable = true)
        String repeatOf,
        @Schema(description = "A group petition (集体访): groupSize is 5 or more", example = "false")
        boolean group) {
}

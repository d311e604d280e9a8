package org.petitionbridge.intake.audit;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** The result of walking the identity-read audit chain. */
@Schema(description = "Whether the identity-read audit log is intact, and where it is broken if not")
public record AuditVerification(
        @Schema(description = "True when every entry fits its hash and the chain has no gap") boolean intact,
        @Schema(description = "How many entries were verified before the first broken one (all of them when intact)",
                example = "42") long entriesVerified,
        @Schema(description = "The number (seq) of the first entry that does not fit, or null when intact",
                nullable = true, example = "17") Long firstBrokenEntry,
        @Schema(description = "What is wrong with that entry, or null when intact", nullable = true) String problem,
        @Schema(description = "The hash of the last verified entry: record it elsewhere to detect a later truncation "
                + "of the log's tail") String lastVerifiedHash,
        @Schema(description = "When the verification ran") Instant verifiedAt) {
}

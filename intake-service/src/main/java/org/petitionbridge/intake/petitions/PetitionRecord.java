package org.petitionbridge.intake.petitions;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The registration record of a petition, without personal data (masked names only). */
@Schema(description = "A petition's registration record, without personal data")
public record PetitionRecord(
        String petitionNo,
        String channel,
        Instant receivedAt,
        Instant registeredAt,
        String divisionCode,
        String category,
        String petitionClass,
        String subject,
        String content,
        int groupSize,
        boolean group,
        @Schema(description = "Masked names of the petitioners, e.g. 张*") List<String> maskedNames,
        String repeatOf,
        @Schema(description = "The department complained about, or null") String complainedAgainstDepartment) {
}

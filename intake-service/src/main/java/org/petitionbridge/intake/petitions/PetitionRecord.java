package org.petitionbridge.intake.petitions;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** The registration record of a petition, without personal data (masked names only). */
@Schema(description = "A petition's registration record, without personal data")
public record PetitionRecord(
        @Schema(description = "The petition number", example = "XF990101-20261126-000123") String petitionNo,
        @Schema(description = "How the petition arrived", example = "VISIT",
                allowableValues = {"LETTER", "VISIT", "PHONE", "ONLINE", "HOTLINE_12345", "EMAIL"}) String channel,
        @Schema(description = "When the petition was received") Instant receivedAt,
        @Schema(description = "When intake registered it") Instant registeredAt,
        @Schema(description = "The village (12 digits) or township (9 digits) concerned", example = "990101002001")
        String divisionCode,
        @Schema(description = "The category code as submitted, or null (routing suggests one)", example = "WAGE_ARREARS",
                nullable = true) String category,
        @Schema(description = "SUGGESTION, ACCUSATION or CLAIM when the category is known", example = "CLAIM",
                nullable = true) String petitionClass,
        @Schema(description = "The subject as submitted") String subject,
        @Schema(description = "The content as submitted") String content,
        @Schema(description = "How many people bring the petition", example = "1") int groupSize,
        @Schema(description = "A group petition (集体访): 5 people or more") boolean group,
        @Schema(description = "Masked names of the petitioners, e.g. 张*") List<String> maskedNames,
        @Schema(description = "The earlier petition this one repeats, or null", nullable = true) String repeatOf,
        @Schema(description = "The department complained about, or null", nullable = true) String complainedAgainstDepartment,
        @Schema(description = "The township whose government's official is complained about, or null", nullable = true)
        String complainedAgainstTownship,
        @Schema(description = "The village whose cadre is complained about, or null", nullable = true)
        String complainedAgainstVillage) {
}

package org.petitionbridge.intake.petitions;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.constraints.CodePointLength;

/**
 * The body of {@code POST /api/v1/petitions}. Its shape (what is required, lengths, the channels) is declared here
 * and checked by Bean Validation; {@link PetitionValidator} checks the rules that need the county's reference data,
 * the clock or several fields, and the ID and phone numbers. The messages never repeat the value.
 */
@Schema(description = "A petition to register, from any channel")
public record PetitionRequest(
        @Schema(description = "How the petition reached the bureau", requiredMode = Schema.RequiredMode.REQUIRED,
                allowableValues = {"LETTER", "VISIT", "PHONE", "ONLINE", "HOTLINE_12345", "EMAIL"}, example = "VISIT")
        @NotNull(message = "is required; one of " + Channel.LISTED)
        @Pattern(regexp = Channel.PATTERN, message = "must be one of " + Channel.LISTED)
        String channel,
        @Schema(description = "When the petition was received (ISO-8601 with offset); defaults to now, never in the future",
                example = "2026-11-20T09:30:00+08:00")
        OffsetDateTime receivedAt,
        @Schema(description = "The petitioners (for a visit by more than 5 people, at most 5 representatives). "
                + "May be empty only for an accusation (检举控告), which may be anonymous")
        List<@NotNull(message = "must be an object with at least a name") @Valid Petitioner> petitioners,
        @Schema(description = "How many people bring the petition; at least the number of petitioners. 5 or more makes it a group petition (集体访)",
                example = "1")
        Integer groupSize,
        @Schema(description = "The village (12 digits) or township (9 digits) of the county the petition concerns",
                requiredMode = Schema.RequiredMode.REQUIRED, example = "990101002001")
        @NotBlank(message = "is required: a village (12 digits) or township (9 digits) code of the county")
        String divisionCode,
        @Schema(description = "The category code (e.g. WAGE_ARREARS); optional, routing suggests one from the text when absent",
                example = "WAGE_ARREARS")
        String category,
        @Schema(description = "Subject, 1 to 200 characters", requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 1, maxLength = 200)
        @NotBlank(message = "is required (1 to 200 characters)")
        @CodePointLength(max = 200, message = "must be at most 200 characters")
        String subject,
        @Schema(description = "Content, 1 to 10,000 characters", requiredMode = Schema.RequiredMode.REQUIRED,
                minLength = 1, maxLength = 10000)
        @NotBlank(message = "is required (1 to 10000 characters)")
        @CodePointLength(max = 10_000, message = "must be at most 10000 characters")
        String content,
        @Schema(description = "The unit (and optionally the official) the petition complains about")
        @Valid ComplainedAgainst complainedAgainst) {

    @Schema(description = "A petitioner's identity: stored encrypted, never published")
    public record Petitioner(
            @Schema(description = "Full name (at most 50 characters)", example = "张三")
            @NotBlank(message = "is required") @Size(max = 50, message = "must be at most 50 characters") String name,
            @Schema(description = "18-character resident ID number (checked: birth date and ISO 7064 MOD 11-2 check character)",
                    example = "11010519491231002X") String idNumber,
            @Schema(description = "Mainland mobile (11 digits) or landline (area code and number)",
                    example = "13800138000") String phone,
            @Schema(description = "Address (at most 200 characters)", example = "东河村3组")
            @Size(max = 200, message = "must be at most 200 characters") String address) {
    }

    @Schema(description = "The unit complained about, and optionally the official: at least one of department, "
            + "township or village. A village cadre (村干部) is named by the village; the government of its township "
            + "then neither handles the petition nor learns who brought it.")
    public record ComplainedAgainst(
            @Schema(description = "A county department's code", example = "ZJJ", nullable = true) String department,
            @Schema(description = "The official complained about, if named (at most 100 characters)", nullable = true)
            @Size(max = 100, message = "must be at most 100 characters") String person,
            @Schema(description = "The township (9 digits) whose government the official belongs to",
                    example = "990101002", nullable = true) String township,
            @Schema(description = "The village (12 digits) whose cadre is complained about", example = "990101002001",
                    nullable = true) String village) {

        public ComplainedAgainst(String department, String person) {
            this(department, person, null, null);
        }
    }
}

package org.petitionbridge.risk.screening;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.petitionbridge.risk.projects.RiskLevel;

/**
 * The bodies of the screening API. Bean Validation declares their shape; the county's codes, the villages a
 * township accounts for and the rules between fields are {@link ScreeningService}'s, and both answer in one 400.
 */
public final class ScreeningRequests {

    private ScreeningRequests() {
    }

    @Schema(description = "A screening round the bureau opens: every township (for each of its villages) and every county department reports by dueBy")
    public record NewRound(
            @Schema(example = "2026年12月矛盾纠纷排查") @NotBlank(message = "is required (1 to 200 characters)")
            @Size(max = 200, message = "must be at most 200 characters") String name,
            @NotNull(message = "is required: ROUTINE or SPECIAL") RoundKind kind,
            @Schema(example = "岁末年初专项排查") @Size(max = 2000, message = "must be at most 2000 characters")
            String reason,
            @Schema(description = "When reports are due (ISO-8601 with offset)", example = "2026-12-20T18:00:00+08:00")
            @NotNull(message = "is required: when reports are due, e.g. 2026-12-20T18:00:00+08:00")
            OffsetDateTime dueBy,
            @Schema(description = "The units that report; default every township and every county department")
            List<String> units) {
    }

    @Schema(description = "A unit's report for a round: the issues it found, or a zero report (零报告); a township accounts for every one of its villages")
    public record NewReport(
            List<@NotNull(message = "must be an issue") @Valid Item> items,
            @Schema(description = "True when the unit found nothing at all (then no items)")
            @NotNull(message = "is required: true for a zero report (零报告), false with items") Boolean zeroReport,
            @Schema(description = "A township: the villages where it found nothing (the others are those of its items)")
            List<@NotNull(message = "must be a village") @Valid VillageAccount> villages) {
    }

    @Schema(description = "How a township's report accounts for one of its villages")
    public record VillageAccount(
            @NotBlank(message = "is required: the village code") String code,
            @NotNull(message = "is required: true when nothing was found in the village") Boolean zeroReport) {
    }

    @Schema(description = "An issue found (矛盾纠纷). Describe the parties by role and number (\"两户村民\", \"施工方\"), never by name, ID number or phone: such text is refused.")
    public record Item(
            @Schema(example = "990101002001") @NotBlank(message = "is required: the village or township code")
            String divisionCode,
            @Schema(example = "NEIGHBOR_DISPUTE") @NotBlank(message = "is required: a petition category code")
            String category,
            @Schema(example = "两户村民因宅基地边界发生争执，多次口角") @NotBlank(message = "is required (1 to 2000 characters)")
            @Size(max = 2000, message = "must be at most 2000 characters") String summary,
            @NotNull(message = "is required: how many people are involved")
            @Min(value = 1, message = "must be at least 1") @Max(value = 100000, message = "must be at most 100000")
            Integer peopleInvolved,
            @NotNull(message = "is required: HIGH, MEDIUM or LOW") RiskLevel riskLevel,
            @Schema(description = "Default: the department the county's rules make competent for the category and division")
            String responsibleDepartment,
            @Schema(example = "李科长") @Size(max = 100, message = "must be at most 100 characters") String responsiblePerson,
            @Schema(description = "The leader in charge (包案领导); required for HIGH", example = "王副县长")
            @Size(max = 100, message = "must be at most 100 characters") String leaderInCharge,
            @Schema(description = "The leader's unit, told of yellow and red cards; default the county government office (the supervisor) when a leader is named",
                    example = "ZFB") String leaderUnit,
            @NotNull(message = "is required: the date by which it is to be resolved") LocalDate resolveBy,
            @Size(max = 5000, message = "must be at most 5000 characters") String measures,
            @Schema(description = "The major project it concerns, if any") UUID projectId) {
    }

    @Schema(description = "An action on an issue of the ledger")
    public record NewDisputeAction(
            @NotNull(message = "is required: PROGRESS, RESOLVE, STABILIZE, ESCALATE, CLOSE or REOPEN")
            DisputeAction action,
            @Schema(description = "The measures (PROGRESS), the result (RESOLVE), the reason (STABILIZE, REOPEN), to whom and why (ESCALATE)")
            @Size(max = 5000, message = "must be at most 5000 characters") String note) {
    }
}

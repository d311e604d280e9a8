package org.petitionbridge.risk.projects;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the projects API. Bean Validation declares their shape; the county's codes, the survey against
 * the project and the decision rules are checked by {@link ProjectService}, and both answer in one 400.
 */
public final class ProjectRequests {

    private ProjectRequests() {
    }

    @Schema(description = "A major project (land requisition, demolition, big construction) to assess before it is decided")
    public record NewProject(
            @Schema(example = "东河村棚户区改造") @NotBlank(message = "is required (1 to 200 characters)")
            @Size(max = 200, message = "must be at most 200 characters") String name,
            @Schema(description = "The department responsible for the decision; default the token's department. Only the bureau may name another.",
                    example = "ZJJ") String department,
            @Schema(description = "Village or township codes the project touches", example = "[\"990101002001\"]")
            @NotEmpty(message = "is required: at least one village or township code") List<String> divisions,
            @Schema(description = "Petition categories the project may give rise to", example = "[\"HOUSING_DEMOLITION\"]")
            @NotEmpty(message = "is required: at least one petition category") List<String> categories,
            @Schema(description = "Households affected", example = "120")
            @NotNull(message = "is required: the number of households affected")
            @Min(value = 1, message = "must be at least 1") @Max(value = 1_000_000, message = "must be at most 1000000")
            Integer households,
            @Schema(example = "2027-03-01") LocalDate plannedStart,
            @Size(max = 5000, message = "must be at most 5000 characters") String description) {
    }

    @Schema(description = "A risk point of the project, with its likelihood, impact and the measures against it")
    public record RiskPoint(
            @NotBlank(message = "is required (1 to 2000 characters)")
            @Size(max = 2000, message = "must be at most 2000 characters") String description,
            @NotNull(message = "is required: LOW, MEDIUM or HIGH") RiskLevel likelihood,
            @NotNull(message = "is required: LOW, MEDIUM or HIGH") RiskLevel impact,
            @Size(max = 5000, message = "must be at most 5000 characters") String measures) {
    }

    @Schema(description = "The survey of the households affected (入户调查)")
    public record Survey(
            @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer householdsSurveyed,
            @NotNull(message = "is required") @Min(value = 0, message = "must be 0 or more") Integer opposed) {
    }

    @Schema(description = "A social-stability risk assessment (稳评) of the project")
    public record NewAssessment(
            @NotEmpty(message = "is required: at least one risk point")
            List<@NotNull(message = "must be a risk point") @Valid RiskPoint> riskPoints,
            @NotNull(message = "is required: householdsSurveyed and opposed") @Valid Survey survey,
            @Schema(description = "How the opinions were gathered", example = "[\"公示\", \"问卷\", \"座谈走访\"]")
            @NotEmpty(message = "is required: at least one of 公示, 问卷, 座谈走访, 听证") List<String> methods,
            @NotBlank(message = "is required (1 to 5000 characters)")
            @Size(max = 5000, message = "must be at most 5000 characters") String conclusion,
            @Schema(description = "The level the assessor sets; default the one the survey gives. It may be higher, never lower.")
            RiskLevel level) {
    }

    @Schema(description = "The decision on the project; only a LOW-risk project may PROCEED")
    public record NewDecision(
            @NotNull(message = "is required: PROCEED, POSTPONE or REJECT") Decision decision,
            @NotBlank(message = "is required (1 to 2000 characters)")
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}

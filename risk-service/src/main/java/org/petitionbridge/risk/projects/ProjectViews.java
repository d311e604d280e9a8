package org.petitionbridge.risk.projects;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the projects API answers. */
public final class ProjectViews {

    private ProjectViews() {
    }

    @Schema(description = "A project with every assessment, the latest last")
    public record ProjectView(String id, String name, String department, List<String> divisions,
            List<String> categories, int households, LocalDate plannedStart, String description, ProjectStatus status,
            @Schema(description = "The latest assessment's level; null before the first") RiskLevel level,
            Decision decision, String decisionReason, Instant decidedAt, String decidedBy, Instant createdAt,
            String createdBy, List<AssessmentView> assessments) {
    }

    @Schema(description = "One assessment: the survey, the level it gives and the level set")
    public record AssessmentView(int number, List<ProjectRequests.RiskPoint> riskPoints, int householdsSurveyed,
            int opposed, @Schema(description = "Households surveyed, in percent of those affected (1 decimal)")
            double coveragePercent,
            @Schema(description = "Opposed, in percent of those surveyed (1 decimal)") double opposedPercent,
            List<String> methods, String conclusion,
            @Schema(description = "The level the survey gives") RiskLevel computedLevel,
            @Schema(description = "The level set (never below computedLevel)") RiskLevel level, Instant assessedAt,
            String assessedBy) {
    }

    @Schema(description = "A petition linked to the project: received in its divisions, in one of its categories, after it was registered")
    public record LinkedPetition(String petitionNo, String category, String divisionCode, Instant receivedAt,
            int groupSize, boolean group, String repeatOf,
            @Schema(description = "The ledger's latest status; null before the ledger spoke") String status) {

        LinkedPetition withoutRepeat() {
            return new LinkedPetition(petitionNo, category, divisionCode, receivedAt, groupSize, group, null, status);
        }
    }
}

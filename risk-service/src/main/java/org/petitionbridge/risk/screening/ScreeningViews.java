package org.petitionbridge.risk.screening;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.petitionbridge.risk.projects.RiskLevel;

/** What the screening API answers. */
public final class ScreeningViews {

    private ScreeningViews() {
    }

    @Schema(description = "A screening round")
    public record RoundView(String id, String name, RoundKind kind, String reason, Instant dueBy,
            @Schema(description = "The units expected to report") List<String> units, Instant openedAt,
            String openedBy) {
    }

    @Schema(description = "A unit's report as stored")
    public record ReportView(String roundId, String unit, boolean zeroReport, boolean late, int amendments,
            Instant firstAt, Instant updatedAt, List<DisputeView> items,
            @Schema(description = "A township: each village and whether it was a zero report") List<VillageView> villages) {
    }

    public record VillageView(String code, String name, boolean zeroReport) {
    }

    @Schema(description = "Who reported in a round: 横向到边 (departments) and 纵向到底 (villages)")
    public record CoverageView(String roundId, Instant dueBy, int expected, List<String> reported,
            List<String> zeroReported, List<String> missing, List<String> late, int villagesCovered,
            int villagesTotal, double villagesPercent, int departmentsReported, int departmentsExpected,
            double departmentsPercent, int townshipsReported, int townshipsExpected) {
    }

    @Schema(description = "An issue of the 矛盾纠纷 ledger")
    public record DisputeView(String id, String roundId, String unit, String divisionCode, String townshipCode,
            String category, String summary, int peopleInvolved, RiskLevel riskLevel, String responsibleDepartment,
            String responsiblePerson, String leaderInCharge,
            @Schema(description = "The leader's unit, told of yellow and red cards") String leaderUnit,
            LocalDate resolveBy, String measures, String projectId,
            DisputeStatus status, @Schema(description = "Past resolveBy and not resolved, stabilised or struck off")
            boolean overdue, Instant createdAt, Instant updatedAt, long sequence,
            @Schema(description = "What was done, oldest first (in GET /api/v1/disputes/{id})") List<HistoryEntry> history,
            @Schema(description = "Petitions received since from the same division about the same category (in GET /api/v1/disputes/{id}); never one whose complaint bars the caller")
            List<RelatedPetition> relatedPetitions) {

        DisputeView withRelated(List<RelatedPetition> related) {
            return new DisputeView(id, roundId, unit, divisionCode, townshipCode, category, summary, peopleInvolved,
                    riskLevel, responsibleDepartment, responsiblePerson, leaderInCharge, leaderUnit, resolveBy,
                    measures, projectId, status, overdue, createdAt, updatedAt, sequence, history, related);
        }
    }

    @Schema(description = "A petition related to an issue of the ledger: its facts only")
    public record RelatedPetition(String petitionNo, Instant receivedAt, int groupSize,
            @Schema(description = "The ledger's latest status; null before the ledger spoke") String status) {
    }

    public record HistoryEntry(String action, String department, String note, Instant occurredAt) {
    }

    @Schema(description = "One row of the statistics: 排查数, 调处数 (resolved or struck off), 调处率, 稳控数, overdue, open")
    public record StatisticsRow(String key, String name, int found, int resolved, double resolvedPercent,
            int stabilized, int overdue, int open, int zeroReportUnits) {
    }
}

package org.petitionbridge.risk.warnings;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** What the warnings API answers. */
public final class WarningViews {

    private WarningViews() {
    }

    @Schema(description = "An early warning (预警): what the county should see early, and what was done about it")
    public record WarningView(String id, WarningType type, WarningLevel level, WarningStatus status,
            @Schema(description = "The township it is about, or null") String townshipCode,
            @Schema(description = "The petition category it is about, or null") String category,
            @Schema(description = "For a PROJECT warning, the project") String projectId,
            @Schema(description = "The petitions it names, oldest first (numbers only)") List<String> petitionNos,
            @Schema(description = "The departments responsible for acting on it") List<String> departments,
            @Schema(description = "What happened, against which rule") String explanation,
            @Schema(description = "A PROJECT warning on a project assessed LOW: 稳评结论与信访态势不符")
            boolean contradictsAssessment, Instant raisedAt, Instant updatedAt,
            @Schema(description = "When it was escalated to the bureau (a RED warning unacknowledged in time)")
            Instant escalatedAt, Instant closedAt, long sequence, List<ActionView> actions) {

        /** @param petitionNos every petition it names, oldest first */
        static WarningView of(Warning w, List<String> petitionNos, List<ActionView> actions) {
            return new WarningView(w.id().toString(), w.type(), w.level(), w.status(), w.townshipCode(), w.category(),
                    w.projectId() == null ? null : w.projectId().toString(), petitionNos, w.departments(),
                    w.explanation(), w.contradictsAssessment(), w.raisedAt(), w.updatedAt(), w.escalatedAt(),
                    w.closedAt(), w.sequence(), actions);
        }
    }

    @Schema(description = "Something done about a warning: by a department (naming the person) or by the platform (ESCALATE)")
    public record ActionView(String action, String department, String person, String note, Instant occurredAt) {
    }

    @Schema(description = "The warning rules in force (petition-bridge.risk.warnings), with what each means")
    public record RulesView(WarningRules rules, List<String> explained) {
    }
}

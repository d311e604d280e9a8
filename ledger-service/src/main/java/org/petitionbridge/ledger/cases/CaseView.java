package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** A case of the ledger as departments see it. Petitioners appear only as masked names and pseudonyms. */
@Schema(description = "A case of the ledger (台账)")
public record CaseView(
        @Schema(example = "XF990101-20261126-000123") String petitionNo,
        @Schema(example = "ASSIGNED", allowableValues = {"REGISTERED", "TRIAGE", "ASSIGNED", "ACKNOWLEDGED", "OBJECTED",
                "EXTENDED", "REPLIED", "CLOSED", "REDIRECTED", "REVIEW_REQUESTED", "REVIEWED", "RECHECK_REQUESTED",
                "TERMINATED", "NOT_ACCEPTED"}) String status,
        String channel,
        String category,
        String petitionClass,
        String divisionCode,
        String subject,
        String content,
        List<Petitioner> petitioners,
        boolean group,
        int groupSize,
        @Schema(description = "The earlier petition this one repeats") String repeatOf,
        @Schema(description = "A repeat of an open case is attached to it (并案) and handled there") String attachedTo,
        @Schema(description = "How many repeats were attached to this case") int repeatCount,
        @Schema(description = "Why the petition was not accepted (NOT_ACCEPTED)") String notAcceptedReason,
        @Schema(description = "The department complained about") String complainedAgainstDepartment,
        @Schema(description = "Lead (主办) department code") String lead,
        @Schema(description = "Co-handling (协办) department codes") List<String> coHandlers,
        @Schema(description = "Why routing assigned it so") String routingExplanation,
        @Schema(description = "The lead department's responsible official") String responsiblePerson,
        Instant receivedAt,
        Instant assignedAt,
        Instant acknowledgedAt,
        Instant repliedAt,
        @Schema(allowableValues = {"SUPPORT", "EXPLAIN", "NOT_SUPPORT"}) String replyOutcome,
        @Schema(allowableValues = {"REQUESTED", "APPROVED", "REFUSED"}) String extensionStatus,
        @Schema(allowableValues = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"}) String satisfaction,
        Instant closedAt,
        int supervisionCount,
        @Schema(description = "Statutory due dates by clock (Asia/Shanghai calendar days)") Map<String, LocalDate> dueDates,
        @Schema(description = "The clock running now: ASSIGN, ACKNOWLEDGE, REPLY, REVIEW_DECISION or RECHECK_DECISION")
        String activeClock,
        @Schema(description = "The due date of the clock running now") LocalDate nextDue,
        Instant updatedAt) {

    public record Petitioner(String pseudonym, String maskedName) {
    }
}

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
        @Schema(example = "ASSIGNED") String status,
        String channel,
        String category,
        String petitionClass,
        String divisionCode,
        String subject,
        String content,
        List<Petitioner> petitioners,
        boolean group,
        String repeatOf,
        @Schema(description = "Lead (主办) department code") String lead,
        @Schema(description = "Co-handling (协办) department codes") List<String> coHandlers,
        @Schema(description = "The routing decision's explanation") String routingExplanation,
        String responsiblePerson,
        Instant receivedAt,
        Instant assignedAt,
        @Schema(description = "Statutory due dates by clock (Asia/Shanghai calendar days)") Map<String, LocalDate> dueDates,
        Instant updatedAt) {

    public record Petitioner(String pseudonym, String maskedName) {
    }
}

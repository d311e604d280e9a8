package org.petitionbridge.ledger.cases;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A department action on a case: {@code type} and the fields that type needs (the others are ignored).
 */
@Schema(description = "A department action on a case. Which fields are needed depends on the type; see docs/ledger.md")
public record ActionRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"ACKNOWLEDGE", "OBJECT",
                "OBJECTION_DECISION", "PROGRESS", "CO_OPINION", "REQUEST_EXTENSION", "EXTENSION_DECISION", "REDIRECT",
                "REPLY", "EVALUATE", "CLOSE", "REVIEW_REQUEST", "REVIEW_DECISION", "RECHECK_REQUEST",
                "RECHECK_DECISION", "SUPERVISE"}) String type,
        @Schema(description = "ACKNOWLEDGE: the official responsible for the case", example = "李科长") String responsiblePerson,
        @Schema(description = "ACKNOWLEDGE: how the petitioner was told (告知)",
                allowableValues = {"PHONE", "SMS", "LETTER", "IN_PERSON", "ONLINE"}) String notifiedBy,
        @Schema(description = "ACKNOWLEDGE: when the petitioner was told; default now") OffsetDateTime notifiedAt,
        @Schema(description = "OBJECT, REPLY, REVIEW_DECISION, RECHECK_DECISION: the reasons") String reasons,
        @Schema(description = "OBJECTION_DECISION, REQUEST_EXTENSION, EXTENSION_DECISION, REVIEW_REQUEST, RECHECK_REQUEST: the reason")
        String reason,
        @Schema(description = "OBJECTION_DECISION: ACCEPT or REJECT; EXTENSION_DECISION: APPROVE or REFUSE") String decision,
        @Schema(description = "PROGRESS, SUPERVISE: a note") String note,
        @Schema(description = "CO_OPINION: the co-handler's opinion") String opinion,
        @Schema(description = "REQUEST_EXTENSION: days, 1 to 30") Integer days,
        @Schema(description = "REDIRECT: the legal procedure (导入法定程序)",
                allowableValues = {"LITIGATION", "ARBITRATION", "ADMINISTRATIVE_REVIEW"}) String procedure,
        @Schema(description = "REDIRECT: the guidance given to the petitioner") String guidance,
        @Schema(description = "REPLY: SUPPORT, EXPLAIN or NOT_SUPPORT; REVIEW_DECISION and RECHECK_DECISION: UPHELD, CHANGED or REVOKED")
        String outcome,
        @Schema(description = "REPLY: the facts established") String facts,
        @Schema(description = "REPLY: the legal basis") String legalBasis,
        @Schema(description = "EVALUATE: the petitioner's satisfaction at 回访",
                allowableValues = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"}) String satisfaction) {

    /** The non-empty fields as text, for the history and the status event (so the ledger can be rebuilt). */
    public Map<String, String> toDetails() {
        Map<String, String> d = new LinkedHashMap<>();
        put(d, "type", type);
        put(d, "responsiblePerson", responsiblePerson);
        put(d, "notifiedBy", notifiedBy);
        put(d, "notifiedAt", notifiedAt == null ? null : notifiedAt.toString());
        put(d, "reasons", reasons);
        put(d, "reason", reason);
        put(d, "decision", decision);
        put(d, "note", note);
        put(d, "opinion", opinion);
        put(d, "days", days == null ? null : days.toString());
        put(d, "procedure", procedure);
        put(d, "guidance", guidance);
        put(d, "outcome", outcome);
        put(d, "facts", facts);
        put(d, "legalBasis", legalBasis);
        put(d, "satisfaction", satisfaction);
        return d;
    }

    /** The request an earlier status event's details describe. */
    public static ActionRequest fromDetails(Map<String, String> d) {
        return new ActionRequest(d.get("type"), d.get("responsiblePerson"), d.get("notifiedBy"),
                d.get("notifiedAt") == null ? null : OffsetDateTime.parse(d.get("notifiedAt")), d.get("reasons"),
                d.get("reason"), d.get("decision"), d.get("note"), d.get("opinion"),
                d.get("days") == null ? null : Integer.valueOf(d.get("days")), d.get("procedure"), d.get("guidance"),
                d.get("outcome"), d.get("facts"), d.get("legalBasis"), d.get("satisfaction"));
    }

    private static void put(Map<String, String> d, String key, String value) {
        if (value != null) {
            d.put(key, value);
        }
    }
}

package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.util.Map;

/** One entry of a case's append-only history: who did what, when, the status before and after, and the fields. */
public record HistoryEntry(long sequence, Instant occurredAt, String action, String actorDepartment,
        String fromStatus, String toStatus, String detail, Map<String, String> details) {
}

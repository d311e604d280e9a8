package org.petitionbridge.ledger.cases;

import java.time.Instant;

/** One entry of a case's append-only history: who did what, when, and the status before and after. */
public record HistoryEntry(long sequence, Instant occurredAt, String action, String actorDepartment,
        String fromStatus, String toStatus, String detail) {
}

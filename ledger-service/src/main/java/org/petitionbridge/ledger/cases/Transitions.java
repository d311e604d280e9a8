package org.petitionbridge.ledger.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.petitionbridge.events.CaseAnalytics;
import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.petitionbridge.ledger.clocks.StatutoryClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every change of a case: the append-only history entry (with a snapshot of the case after it), the
 * {@code petition.status.v1} event and the de-identified {@code petition.analytics.v1} event, all in the
 * transaction of the change.
 */
@Component
public class Transitions {

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final OutboxWriter outbox;
    private final CaseViews views;

    Transitions(JdbcClient jdbc, CaseRepository cases, OutboxWriter outbox, CaseViews views) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.outbox = outbox;
        this.views = views;
    }

    /** Writes the changed case and records the change (history entry, status and analytics events). */
    public void record(CaseState c, CaseStatus fromStatus, String action, String actor, String summary,
            Map<String, String> details, String objectingDepartment, Instant at) {
        c.recorded(at);
        cases.update(c);
        appendHistoryAndEvents(c, fromStatus, action, actor, summary, details, objectingDepartment, at);
    }

    /** Inserts a case just opened, as it is then, and records its opening as {@link #record} records a change. */
    public void recordOpened(CaseState c, String summary, Map<String, String> details, Instant at) {
        c.recorded(at);
        cases.insert(c);
        appendHistoryAndEvents(c, null, "OPENED", null, summary, details, null, at);
    }

    private void appendHistoryAndEvents(CaseState c, CaseStatus fromStatus, String action, String actor, String summary,
            Map<String, String> details, String objectingDepartment, Instant at) {
        String from = fromStatus == null ? null : fromStatus.name();
        String status = c.status().name();
        jdbc.sql("""
                insert into case_history (petition_no, occurred_at, action, actor_department, from_status, to_status,
                    detail, details, snapshot)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))""")
                .params(c.petitionNo(), Timestamp.from(at), action, actor, from, status, summary,
                        EventCodec.mapper().writeValueAsString(details),
                        EventCodec.mapper().writeValueAsString(views.view(c)))
                .update();
        outbox.append(new CaseStatusChanged(c.petitionNo(), status, from, action, actor, c.lead(), c.coHandlers(),
                c.category(), c.petitionClass(), c.divisionCode(), c.complainedDepartment(), at, c.dueDates(),
                objectingDepartment, details, c.barred(), c.sequence()), at);
        outbox.append(new CaseAnalytics(c.petitionNo(), c.category(), c.petitionClass(), c.townshipCode(), c.channel(),
                c.lead(), status, action, at, c.receivedAt(), c.group(), c.repeatOf() != null,
                StatutoryClock.isPast(c.nextDue(), at), c.extensionStatus() == ExtensionStatus.APPROVED,
                c.replyOutcome(), c.satisfaction(), minutes(c.receivedAt(), c.assignedAt()),
                minutes(c.receivedAt(), c.acknowledgedAt()), minutes(c.receivedAt(), c.repliedAt()),
                minutes(c.receivedAt(), c.closedAt())), at);
    }

    /**
     * Whether the case's history has the routing decision, applied ({@code ROUTED}) or kept in the history only
     * ({@code ROUTING_NOT_APPLIED}): both name it in their details.
     */
    public boolean hasDecision(String petitionNo, String decisionId) {
        return jdbc.sql("""
                select exists (select 1 from case_history where petition_no = ? and details ->> 'decisionId' = ?)""")
                .params(petitionNo, decisionId).query(Boolean.class).single();
    }

    private static Long minutes(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMinutes();
    }
}

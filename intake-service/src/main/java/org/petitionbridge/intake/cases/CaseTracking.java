package org.petitionbridge.intake.cases;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.outbox.ProcessedEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What intake knows about each petition after registration, learned from the other services' events: the
 * current assignment (from {@code petition.routed.v1}) decides who may read the petitioners' identity; the
 * latest case status (from {@code petition.status.v1}) tells repeat detection whether a petition is still
 * open. Each consumed event id and its effect are committed in one transaction.
 */
@Service
public class CaseTracking {

    /** Statuses after which a petition is no longer open (销号, 终结, 不予受理, 转入其他程序). */
    public static final Set<String> CLOSED_STATUSES = Set.of("CLOSED", "TERMINATED", "NOT_ACCEPTED", "REDIRECTED");

    /** The departments currently assigned to a petition. */
    public record Assignment(String petitionNo, String source, String lead, List<String> coHandlers, Instant decidedAt) {

        public boolean assigns(String department) {
            return department != null && (department.equals(lead) || coHandlers.contains(department));
        }
    }

    private final JdbcClient jdbc;
    private final ProcessedEvents processed;
    private final Clock clock;

    CaseTracking(JdbcClient jdbc, ProcessedEvents processed, Clock clock) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.clock = clock;
    }

    /** A decision replaces the current assignment unless it is older than the one already applied. */
    @Transactional
    public void onRouted(EventCodec.Received<PetitionRouted> received) {
        PetitionRouted r = received.data();
        if (r.petitionNo() == null || r.petitionNo().isBlank()) {
            throw new InvalidEventException("petition.routed.v1 " + received.event().id() + " names no petition");
        }
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        Instant decidedAt = r.decidedAt() == null ? received.event().time() : r.decidedAt();
        jdbc.sql("""
                insert into assignment (petition_no, decision_id, source, lead, co_handlers, category, decided_at, updated_at)
                values (:no, :decision, :source, :lead, :coHandlers, :category, :decidedAt, :now)
                on conflict (petition_no) do update set decision_id = excluded.decision_id, source = excluded.source,
                    lead = excluded.lead, co_handlers = excluded.co_handlers,
                    category = coalesce(excluded.category, assignment.category),
                    decided_at = excluded.decided_at, updated_at = excluded.updated_at
                where assignment.decided_at <= excluded.decided_at""")
                .param("no", r.petitionNo())
                .param("decision", r.decisionId() == null ? received.event().id() : r.decisionId())
                .param("source", r.source() == null ? "RULE" : r.source())
                .param("lead", r.lead())
                .param("coHandlers", r.coHandlers().toArray(String[]::new))
                .param("category", r.category())
                .param("decidedAt", Timestamp.from(decidedAt))
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** The latest status of the case replaces the one known, unless it is older. */
    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        if (s.petitionNo() == null || s.petitionNo().isBlank() || s.status() == null || s.status().isBlank()) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id() + " lacks a petition or a status");
        }
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        Instant occurredAt = s.occurredAt() == null ? received.event().time() : s.occurredAt();
        jdbc.sql("""
                insert into case_status (petition_no, status, occurred_at, updated_at)
                values (:no, :status, :occurredAt, :now)
                on conflict (petition_no) do update set status = excluded.status, occurred_at = excluded.occurred_at,
                    updated_at = excluded.updated_at
                where case_status.occurred_at <= excluded.occurred_at""")
                .param("no", s.petitionNo()).param("status", s.status())
                .param("occurredAt", Timestamp.from(occurredAt)).param("now", Timestamp.from(clock.instant()))
                .update();
    }

    /** Whether the department is currently assigned to the petition, as lead or co-handler. */
    @Transactional(readOnly = true)
    public boolean isAssigned(String petitionNo, String department) {
        return department != null && assignment(petitionNo).filter(a -> a.assigns(department)).isPresent();
    }

    /** The current assignment, or empty while the petition is not assigned (not routed yet, or in triage). */
    @Transactional(readOnly = true)
    public Optional<Assignment> assignment(String petitionNo) {
        return jdbc.sql("select petition_no, source, lead, co_handlers, decided_at from assignment where petition_no = ?")
                .param(petitionNo)
                .query((rs, i) -> {
                    Array array = rs.getArray("co_handlers");
                    List<String> coHandlers = array == null ? List.of() : List.of((String[]) array.getArray());
                    return new Assignment(rs.getString("petition_no"), rs.getString("source"), rs.getString("lead"),
                            coHandlers, rs.getTimestamp("decided_at").toInstant());
                })
                .optional();
    }
}

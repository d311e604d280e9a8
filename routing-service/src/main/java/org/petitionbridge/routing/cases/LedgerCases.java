package org.petitionbridge.routing.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatuses;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.routing.decisions.DecisionLog;
import org.petitionbridge.routing.objections.ObjectionService;
import org.petitionbridge.security.visibility.PetitionParties;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's cases as routing follows them from {@code petition.status.v1}. Routing proposes, the ledger decides:
 * who handles a petition (for the decisions a department may read), whether it waits for the bureau (triage),
 * whether a manual assignment would be applied, and what became of each decision (ROUTED applied it,
 * ROUTING_NOT_APPLIED did not, with the reason). An accepted objection is also where routing decides again. An event's
 * effects are committed in one transaction, and each is keyed so that a second delivery leaves it as it was: of two
 * events the higher sequence wins, an outcome is recorded only over PENDING, and an objection is accepted (and decided
 * on) once per petition and department. So no event id is claimed for them.
 */
@Service
public class LedgerCases {

    /** The ledger's action that applied a decision, and the one that kept it in the history only. */
    static final String ROUTED = "ROUTED";
    static final String ROUTING_NOT_APPLIED = "ROUTING_NOT_APPLIED";

    /** A case as the ledger last published it. */
    public record LedgerCase(String petitionNo, String status, String lead, List<String> coHandlers,
            String attachedTo) {
    }

    private final JdbcClient jdbc;
    private final DecisionLog decisions;
    private final ObjectionService objections;

    LedgerCases(JdbcClient jdbc, DecisionLog decisions, ObjectionService objections) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.objections = objections;
    }

    @Transactional
    public void onStatus(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged s = received.data();
        if (s.petitionNo() == null || s.petitionNo().isBlank() || s.status() == null || s.status().isBlank()) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id()
                    + " lacks a petition or a status");
        }
        if (ObjectionService.concernsRouting(s)) {
            objections.requireKnownObjector(received);
        }
        decisions.lock(s.petitionNo());
        // Idempotent by its own keys (the binding claims no event id): a second delivery changes nothing below.
        Instant at = s.occurredAt() == null ? received.event().time() : s.occurredAt();
        jdbc.sql("""
                insert into ledger_case (petition_no, status, lead, co_handlers, attached_to, sequence, occurred_at)
                values (:no, :status, :lead, :coHandlers, :attachedTo, :sequence, :at)
                on conflict (petition_no) do update set status = excluded.status, lead = excluded.lead,
                    co_handlers = excluded.co_handlers,
                    attached_to = coalesce(excluded.attached_to, ledger_case.attached_to),
                    sequence = excluded.sequence, occurred_at = excluded.occurred_at
                where """ + CaseStatuses.supersedesSql("ledger_case"))
                .param("no", s.petitionNo()).param("status", s.status()).param("lead", s.lead())
                .param("coHandlers", SqlArrays.of(s.coHandlers()))
                .param("attachedTo", s.details().get("attachedTo")).param("sequence", s.sequence())
                .param("at", Timestamp.from(at))
                .update();
        String decisionId = s.details().get("decisionId");
        if (decisionId != null && ROUTED.equals(s.action())) {
            decisions.recordOutcome(decisionId, DecisionLog.Outcome.APPLIED, null);
        } else if (decisionId != null && ROUTING_NOT_APPLIED.equals(s.action())) {
            decisions.recordOutcome(decisionId, DecisionLog.Outcome.NOT_APPLIED, s.details().get("reason"));
        }
        if (ObjectionService.concernsRouting(s)) {
            objections.decideAgain(received);
        }
    }

    /** The case as the ledger last published it, or empty before its first status event. */
    @Transactional(readOnly = true)
    public Optional<LedgerCase> find(String petitionNo) {
        return jdbc.sql("select petition_no, status, lead, co_handlers, attached_to from ledger_case where petition_no = ?")
                .param(petitionNo)
                .query((rs, i) -> new LedgerCase(rs.getString("petition_no"), rs.getString("status"),
                        rs.getString("lead"), SqlArrays.strings(rs, "co_handlers"), rs.getString("attached_to")))
                .optional();
    }

    /** Who handles the petition now (as the ledger said; nobody before it spoke) and whom its complaint bars. */
    @Transactional(readOnly = true)
    public PetitionParties parties(String petitionNo, Set<String> barred) {
        return find(petitionNo).map(c -> PetitionParties.of(c.lead(), c.coHandlers(), barred))
                .orElse(PetitionParties.unassigned(barred));
    }

}

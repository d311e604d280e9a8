package org.petitionbridge.ledger.cases;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.petitionbridge.service.inbox.ProcessedEvents;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Builds the cases of the ledger from the petitions intake registers and the decisions routing makes (what each
 * does to a case is {@link CaseStateMachine}'s rule; this service reads, locks, records and parks). Each
 * consumed event, its effect on the case, the history entry and the outgoing events are committed in one
 * transaction. A per-petition advisory lock orders one petition's events that arrive on different topics (a
 * decision may be consumed before the petition it routes: it waits in {@code pending_decision}). Times are the
 * events' own, so replaying the topics rebuilds the same ledger.
 */
@Service
public class CaseService {

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final Transitions transitions;
    private final CaseStateMachine rules;
    private final ProcessedEvents processed;
    private final VisibilityPolicy visibility;

    CaseService(JdbcClient jdbc, CaseRepository cases, Transitions transitions, CaseStateMachine rules,
            ProcessedEvents processed, VisibilityPolicy visibility) {
        this.visibility = visibility;
        this.jdbc = jdbc;
        this.cases = cases;
        this.transitions = transitions;
        this.rules = rules;
        this.processed = processed;
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        cases.lock(p.petitionNo());
        // idempotent by the petition's number (the binding claims no event id): a case is opened once
        if (cases.exists(p.petitionNo())) {
            return;
        }
        Instant at = received.event().time();
        List<String> barred = List.copyOf(visibility.barredBy(p.complainedAgainst()));
        CaseState c = rules.open(p, barred, visibility.actingBureau(Set.copyOf(barred)),
                visibility.actingSupervisor(Set.copyOf(barred)), at);

        String summary = "登记：" + p.channel();
        if (p.repeatOf() != null) {
            // Lock the original before reading it: a decision on it may be committing right now, and writing back
            // a copy read before that commit would undo the decision (the original's number is the smaller one,
            // and nothing locks a repeat while holding its original, so this order cannot deadlock).
            cases.lock(p.repeatOf());
            Optional<CaseState> original = cases.find(p.repeatOf());
            if (original.isPresent()) {
                CaseState o = original.get();
                summary = rules.repeat(c, o).orElse(summary);
                if (o.petitionNo().equals(c.attachedTo())) {
                    transitions.record(o, o.status(), "REPEAT_RECEIVED", null, "收到重复信访 " + p.petitionNo() + "（第 "
                            + o.repeatCount() + " 次）", Map.of("repeat", p.petitionNo()), null, at);
                }
            }
        }
        // a repeat merged into its original says so, so that routing never offers to assign it
        transitions.recordOpened(c, summary, c.attachedTo() == null ? Map.of() : Map.of("attachedTo", c.attachedTo()),
                at);

        List<Object[]> pending = jdbc.sql("select event_type, payload from pending_decision where petition_no = ? order by id")
                .param(p.petitionNo()).query((rs, i) -> new Object[] {rs.getString(1), rs.getBytes(2)}).list();
        for (Object[] row : pending) {
            if (PetitionTriaged.TYPE.equals(row[0])) {
                applyTriaged(EventCodec.fromJson((byte[]) row[1], PetitionTriaged.class));
            } else {
                applyRouted(EventCodec.fromJson((byte[]) row[1], PetitionRouted.class));
            }
        }
        jdbc.sql("delete from pending_decision where petition_no = ?").param(p.petitionNo()).update();
    }

    @Transactional
    public void onRouted(EventCodec.Received<PetitionRouted> received) {
        PetitionRouted r = received.data();
        cases.lock(r.petitionNo());
        // Idempotent by the decision's id (the binding claims no event id): a decision the case's history has, applied
        // or not, is not applied again, whichever event delivered it. One parked twice is applied once for the same
        // reason.
        if (!cases.exists(r.petitionNo())) {
            park(r.petitionNo(), PetitionRouted.TYPE, EventCodec.toJson(r));
            return;
        }
        applyRouted(r);
    }

    @Transactional
    public void onTriaged(EventCodec.Received<PetitionTriaged> received) {
        PetitionTriaged t = received.data();
        cases.lock(t.petitionNo());
        if (!processed.firstDelivery(received.event())) {
            return;
        }
        if (!cases.exists(t.petitionNo())) {
            park(t.petitionNo(), PetitionTriaged.TYPE, EventCodec.toJson(t));
            return;
        }
        applyTriaged(t);
    }

    private void park(String petitionNo, String type, byte[] payload) {
        jdbc.sql("insert into pending_decision (petition_no, event_type, payload) values (?, ?, ?)")
                .params(petitionNo, type, payload).update();
    }

    private void applyRouted(PetitionRouted r) {
        if (transitions.hasDecision(r.petitionNo(), r.decisionId())) {
            return;
        }
        CaseState c = cases.find(r.petitionNo()).orElseThrow();
        Instant at = r.decidedAt();
        CaseStatus from = c.status();
        Optional<String> refused = rules.assign(c, r);
        if (refused.isPresent()) {
            // A decision for an attached, ended or already accepted case is kept in the history only; the status
            // event says so (with the decision's id), so that routing can tell the bureau its decision was not
            // applied, and nobody's access changes.
            transitions.record(c, from, "ROUTING_NOT_APPLIED", null, "分办决定未采用：" + refused.get() + "。"
                    + r.explanation(), decisionDetails(r, refused.get()), null, at);
            return;
        }
        transitions.record(c, from, "ROUTED", null, r.explanation(),
                Map.of("source", r.source(), "decisionId", r.decisionId()), null, at);
    }

    private static Map<String, String> decisionDetails(PetitionRouted r, String reason) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("source", r.source());
        details.put("decisionId", r.decisionId());
        if (r.lead() != null) {
            details.put("lead", r.lead());
        }
        details.put("reason", reason);
        return details;
    }

    private void applyTriaged(PetitionTriaged t) {
        CaseState c = cases.find(t.petitionNo()).orElseThrow();
        CaseStatus from = c.status();
        if (!rules.triage(c, t)) {
            transitions.record(c, from, "TRIAGE_NOT_APPLIED", null, "待人工分办通知未采用（本件状态 " + from + "）",
                    Map.of(), null, t.triagedAt());
            return;
        }
        transitions.record(c, from, "TRIAGED", null, t.reason(), Map.of(), null, t.triagedAt());
    }
}

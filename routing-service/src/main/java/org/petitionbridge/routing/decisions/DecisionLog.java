package org.petitionbridge.routing.decisions;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.service.jdbc.AdvisoryLocks;
import org.petitionbridge.service.jdbc.SqlArrays;
import org.petitionbridge.service.metrics.AfterCommit;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Every decision ever made, with the petition facts routing needs to decide again, and the event that announces
 * each decision: {@code petition.routed.v1} for an assignment (source RULE, MANUAL or REROUTE),
 * {@code petition.triage.v1} for a petition the bureau has to place by hand. The row and the event are written in
 * the caller's transaction (outbox).
 */
@Component
public class DecisionLog {

    public static final String RULE = "RULE";
    public static final String MANUAL = "MANUAL";
    public static final String REROUTE = "REROUTE";

    private final JdbcClient jdbc;
    private final MeterRegistry meters;
    private final OutboxWriter outbox;
    private final Clock clock;

    DecisionLog(JdbcClient jdbc, OutboxWriter outbox, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
        for (String source : List.of(RULE, MANUAL, REROUTE)) {
            decisions(source, true);
            decisions(source, false);
        }
    }

    /** Decisions committed, by source (RULE, MANUAL, REROUTE) and outcome (routed, or to the bureau's triage). */
    private Counter decisions(String source, boolean triage) {
        return Counter.builder("routing.decisions").description("routing decisions, by source and outcome")
                .tag("source", source).tag("outcome", triage ? "triage" : "routed").register(meters);
    }

    /** The scope of {@link #lock}: a consumed batch takes its petitions' locks first (RoutingConsumers). */
    public static final String LOCKS = "petition";

    /** Serialises every decision about one petition (consumers and the REST API may race) until the commit. */
    public void lock(String petitionNo) {
        requireTransaction();
        AdvisoryLocks.lock(jdbc, LOCKS, petitionNo);
    }

    /** Stores the facts of a newly received petition; false when the petition is already known. */
    boolean remember(PetitionFacts facts, String actingBureau) {
        return jdbc.sql("""
                insert into petition (petition_no, division_code, category, subject, content, complained_department,
                    barred, acting_bureau)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (petition_no) do nothing""")
                .params(facts.petitionNo(), facts.divisionCode(), facts.category(), facts.subject(), facts.content(),
                        facts.complainedAgainstDepartment(), SqlArrays.of(facts.barred().stream().sorted().toList()),
                        actingBureau)
                .update() == 1;
    }

    /** What routing knows of a petition, or empty when it never received it. */
    public Optional<PetitionFacts> facts(String petitionNo) {
        return jdbc.sql("""
                select petition_no, division_code, category, subject, content, complained_department, barred
                from petition where petition_no = ?""")
                .param(petitionNo)
                .query((rs, i) -> new PetitionFacts(rs.getString("petition_no"), rs.getString("division_code"),
                        rs.getString("category"), rs.getString("subject"), rs.getString("content"),
                        rs.getString("complained_department"), java.util.Set.copyOf(SqlArrays.strings(rs, "barred"))))
                .optional();
    }

    /** The newest decision about a petition, if any. */
    public Optional<DecisionView> latest(String petitionNo) {
        return decisions(petitionNo).stream().findFirst();
    }

    /**
     * Records a decision routing made by itself (RULE, REROUTE) and appends its event. {@code causeEventId} is the
     * consumed event that caused it: unique, so one event never yields two decisions.
     */
    public DecisionView record(String petitionNo, RoutingDecision d, String source, String causeEventId,
            String reason) {
        return record(petitionNo, d, source, causeEventId, reason, null);
    }

    /**
     * Records a decision and appends its event. {@code causeEventId} is the consumed event (or request) that caused
     * it: unique, so one event never yields two decisions. {@code decidedBy} is who made it by hand, as the caller's
     * token names it (its department, else its client id); null for the decisions routing makes by itself.
     */
    public DecisionView record(String petitionNo, RoutingDecision d, String source, String causeEventId,
            String reason, String decidedBy) {
        requireTransaction();
        Instant now = clock.instant();
        String decisionId = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into routing_decision (decision_id, petition_no, source, triage, lead, co_handlers, tier,
                    category, petition_class, suggested_category, matched_keywords, matched_rules, recused,
                    rule_set_version, explanation, decided_at, cause_event_id, candidates, reason, decided_by, outcome)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(decisionId, petitionNo, source, d.triage(), d.lead(), SqlArrays.of(d.coHandlers()), d.tier(),
                        d.category(), d.petitionClass(), d.suggestedCategory(), SqlArrays.of(d.matchedKeywords()),
                        SqlArrays.of(d.matchedRules()), SqlArrays.of(d.recused()), d.ruleSetVersion(), d.explanation(),
                        Timestamp.from(now), causeEventId, SqlArrays.of(d.candidates()), reason, decidedBy,
                        d.triage() ? null : Outcome.PENDING.name())
                .update();
        // written only when it changes: a petition routed at once never awaited triage, and its row stays as it is
        jdbc.sql("""
                update petition set awaiting_triage = ?,
                    triaged_at = case when ? then coalesce(triaged_at, ?) end
                where petition_no = ? and (awaiting_triage <> ? or (triaged_at is null) = ?)""")
                .params(d.triage(), d.triage(), Timestamp.from(now), petitionNo, d.triage(), d.triage())
                .update();
        AfterCommit.increment(decisions(source, d.triage()));
        if (d.triage()) {
            outbox.append(new PetitionTriaged(petitionNo, d.explanation(), d.category(), d.suggestedCategory(),
                    d.candidates(), d.matchedKeywords(), divisionOf(petitionNo), d.ruleSetVersion(), now), now);
        } else {
            outbox.append(new PetitionRouted(petitionNo, decisionId, source, d.lead(), d.coHandlers(), d.tier(),
                    d.category(), d.petitionClass(), d.suggestedCategory(), d.matchedKeywords(), d.matchedRules(),
                    d.recused(), d.ruleSetVersion(), d.explanation(), now), now);
        }
        return new DecisionView(decisionId, petitionNo, source, d.triage(), d.lead(), d.coHandlers(), d.tier(),
                d.category(), d.petitionClass(), d.suggestedCategory(), d.candidates(), d.matchedKeywords(),
                d.matchedRules(), d.recused(), d.ruleSetVersion(), d.explanation(), now, decidedBy,
                d.triage() ? null : Outcome.PENDING, null);
    }

    /**
     * What the ledger did with an assignment decision, as its status events say: ROUTED applies it, ROUTING_NOT_APPLIED
     * keeps it in the history only, with the reason. A decision that is not PENDING any more keeps its outcome.
     */
    public void recordOutcome(String decisionId, Outcome outcome, String reason) {
        jdbc.sql("""
                update routing_decision set outcome = ?, outcome_reason = ?
                where decision_id = ?::uuid and outcome = 'PENDING'""")
                .params(outcome.name(), reason, decisionId).update();
    }

    /** What became of an assignment decision in the ledger. */
    public enum Outcome {
        /** The ledger has not said yet. */
        PENDING,
        /** The ledger applied it: the departments named handle the petition. */
        APPLIED,
        /** The ledger kept it in the history only (see outcomeReason): nobody's access changed. */
        NOT_APPLIED
    }

    private String divisionOf(String petitionNo) {
        return jdbc.sql("select division_code from petition where petition_no = ?").param(petitionNo)
                .query(String.class).single();
    }

    /** The decisions made for a petition, newest first. */
    public List<DecisionView> decisions(String petitionNo) {
        return jdbc.sql("""
                select decision_id, source, triage, lead, co_handlers, tier, category, petition_class,
                    suggested_category, candidates, matched_keywords, matched_rules, recused, rule_set_version,
                    explanation, decided_at, decided_by, outcome, outcome_reason
                from routing_decision where petition_no = ? order by decided_at desc, decision_id""")
                .param(petitionNo)
                .query((rs, i) -> new DecisionView(rs.getString("decision_id"), petitionNo, rs.getString("source"),
                        rs.getBoolean("triage"), rs.getString("lead"), SqlArrays.strings(rs, "co_handlers"),
                        rs.getString("tier"), rs.getString("category"), rs.getString("petition_class"),
                        rs.getString("suggested_category"), SqlArrays.strings(rs, "candidates"),
                        SqlArrays.strings(rs, "matched_keywords"), SqlArrays.strings(rs, "matched_rules"),
                        SqlArrays.strings(rs, "recused"), (Integer) rs.getObject("rule_set_version"),
                        rs.getString("explanation"), rs.getTimestamp("decided_at").toInstant(),
                        rs.getString("decided_by"),
                        rs.getString("outcome") == null ? null : Outcome.valueOf(rs.getString("outcome")),
                        rs.getString("outcome_reason")))
                .list();
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("decisions are recorded inside a transaction");
        }
    }



    /**
     * One decision as the API shows it.
     *
     * @param source         RULE, MANUAL or REROUTE
     * @param triage         true when the petition went to the bureau instead of a department
     * @param ruleSetVersion the rule set used, {@code null} for a manual assignment
     * @param decidedBy      who assigned by hand (source MANUAL), as the caller's token names it: its department
     *                       code, else its client id; {@code null} for the decisions routing makes by itself
     * @param outcome        for an assignment: whether the ledger applied it (PENDING until the ledger says);
     *                       {@code null} for a triage notice and for decisions made before outcomes were kept
     * @param outcomeReason  with NOT_APPLIED: why, in words a bureau clerk reads
     */
    public record DecisionView(String decisionId, String petitionNo, String source, boolean triage, String lead,
            List<String> coHandlers, String tier, String category, String petitionClass, String suggestedCategory,
            List<String> candidates, List<String> matchedKeywords, List<String> matchedRules, List<String> recused,
            Integer ruleSetVersion, String explanation, Instant decidedAt, String decidedBy, Outcome outcome,
            String outcomeReason) {
    }
}

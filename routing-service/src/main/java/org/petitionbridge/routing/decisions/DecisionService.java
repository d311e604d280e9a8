package org.petitionbridge.routing.decisions;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.PetitionRouted;
import org.petitionbridge.events.PetitionTriaged;
import org.petitionbridge.events.outbox.OutboxWriter;
import org.petitionbridge.events.outbox.ProcessedEvents;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.routing.rules.RuleSet;
import org.petitionbridge.county.CountyReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes each registered petition once: the petition's facts, the decision and its event are committed in
 * one transaction together with the id of the consumed event, so a redelivered event never yields a second
 * decision.
 */
@Service
public class DecisionService {

    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

    private final JdbcClient jdbc;
    private final RuleEngine engine;
    private final RuleSet rules;
    private final OutboxWriter outbox;
    private final ProcessedEvents processed;
    private final Clock clock;

    DecisionService(JdbcClient jdbc, RuleEngine engine, CountyReference county, OutboxWriter outbox,
            ProcessedEvents processed, Clock clock) {
        this.jdbc = jdbc;
        this.engine = engine;
        this.rules = RuleSet.fromCounty(1, county);
        this.outbox = outbox;
        this.processed = processed;
        this.clock = clock;
    }

    /** The rule set decisions are made with. */
    public RuleSet activeRules() {
        return rules;
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        if (!processed.firstDelivery(received.event())) {
            log.info("Skipping {} for {}: already routed", received.event().id(), received.event().subject());
            return;
        }
        PetitionReceived p = received.data();
        PetitionFacts facts = new PetitionFacts(p.petitionNo(), p.divisionCode(), p.category(), p.subject(),
                p.content(), p.complainedAgainst() == null ? null : p.complainedAgainst().department());
        jdbc.sql("""
                insert into petition (petition_no, division_code, category, subject, content, complained_department)
                values (?, ?, ?, ?, ?, ?) on conflict (petition_no) do nothing""")
                .params(facts.petitionNo(), facts.divisionCode(), facts.category(), facts.subject(), facts.content(),
                        facts.complainedAgainstDepartment())
                .update();
        RoutingDecision decision = engine.decide(rules, facts, Set.of());
        record(facts.petitionNo(), decision, "RULE", received.event().id());
    }

    private void record(String petitionNo, RoutingDecision d, String source, String causeEventId) {
        Instant now = clock.instant();
        String decisionId = UUID.randomUUID().toString();
        jdbc.sql("""
                insert into routing_decision (decision_id, petition_no, source, triage, lead, co_handlers, tier,
                    category, petition_class, suggested_category, matched_keywords, matched_rules, recused,
                    rule_set_version, explanation, decided_at, cause_event_id)
                values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(decisionId, petitionNo, source, d.triage(), d.lead(), array(d.coHandlers()), d.tier(),
                        d.category(), d.petitionClass(), d.suggestedCategory(), array(d.matchedKeywords()),
                        array(d.matchedRules()), array(d.recused()), d.ruleSetVersion(), d.explanation(),
                        Timestamp.from(now), causeEventId)
                .update();
        if (d.triage()) {
            outbox.append(new PetitionTriaged(petitionNo, d.explanation(), d.category(), d.suggestedCategory(),
                    d.candidates(), d.matchedKeywords(), divisionOf(petitionNo), d.ruleSetVersion(), now), now);
        } else {
            outbox.append(new PetitionRouted(petitionNo, decisionId, source, d.lead(), d.coHandlers(), d.tier(),
                    d.category(), d.petitionClass(), d.suggestedCategory(), d.matchedKeywords(), d.matchedRules(),
                    d.recused(), d.ruleSetVersion(), d.explanation(), now), now);
        }
    }

    private String divisionOf(String petitionNo) {
        return jdbc.sql("select division_code from petition where petition_no = ?").param(petitionNo)
                .query(String.class).single();
    }

    private static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    /** The decisions made for a petition, newest first. */
    @Transactional(readOnly = true)
    public List<DecisionView> decisions(String petitionNo) {
        return jdbc.sql("""
                select decision_id, source, triage, lead, co_handlers, tier, category, suggested_category,
                    matched_keywords, rule_set_version, explanation, decided_at
                from routing_decision where petition_no = ? order by decided_at desc, decision_id""")
                .param(petitionNo)
                .query((rs, i) -> new DecisionView(rs.getString("decision_id"), petitionNo, rs.getString("source"),
                        rs.getBoolean("triage"), rs.getString("lead"), strings(rs.getArray("co_handlers")),
                        rs.getString("tier"), rs.getString("category"), rs.getString("suggested_category"),
                        strings(rs.getArray("matched_keywords")), (Integer) rs.getObject("rule_set_version"),
                        rs.getString("explanation"), rs.getTimestamp("decided_at").toInstant()))
                .list();
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /** One decision as the API shows it. */
    public record DecisionView(String decisionId, String petitionNo, String source, boolean triage, String lead,
            List<String> coHandlers, String tier, String category, String suggestedCategory,
            List<String> matchedKeywords, Integer ruleSetVersion, String explanation, Instant decidedAt) {
    }
}

package org.petitionbridge.routing.decisions;

import java.util.List;
import java.util.Set;

import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.routing.cases.LedgerCases;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.routing.rules.RuleSetStore;
import org.petitionbridge.security.Caller;
import org.petitionbridge.security.visibility.Access;
import org.petitionbridge.security.visibility.VisibilityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Routes each registered petition once: the petition's facts, the decision and its event are committed in
 * one transaction together with the id of the consumed event, so a redelivered event never yields a second
 * decision. The decision uses the rule set active when the transaction reads it.
 */
@Service
public class DecisionService {

    private static final Logger log = LoggerFactory.getLogger(DecisionService.class);

    private final DecisionLog decisions;
    private final RuleEngine engine;
    private final RuleSetStore rules;
    private final LedgerCases cases;
    private final VisibilityPolicy visibility;

    DecisionService(DecisionLog decisions, RuleEngine engine, RuleSetStore rules,
            LedgerCases cases, VisibilityPolicy visibility) {
        this.cases = cases;
        this.visibility = visibility;
        this.decisions = decisions;
        this.engine = engine;
        this.rules = rules;
    }

    @Transactional
    public void onReceived(EventCodec.Received<PetitionReceived> received) {
        PetitionReceived p = received.data();
        decisions.lock(p.petitionNo());
        Set<String> barred = visibility.barredBy(p.complainedAgainst());
        PetitionFacts facts = new PetitionFacts(p.petitionNo(), p.divisionCode(), p.category(), p.subject(),
                p.content(), p.complainedAgainst() == null ? null : p.complainedAgainst().department(), barred);
        if (!decisions.remember(facts, visibility.actingBureau(barred))) {
            // The same event delivered again, or the petition published again under another event id: routing
            // remembers a petition once by its number (the binding claims no event id), and it has its decision.
            log.info("Skipping {} for {}: the petition was received before and is routed", received.event().id(),
                    p.petitionNo());
            return;
        }
        RoutingDecision decision = engine.decide(rules.active(), facts, Set.of());
        decisions.record(facts.petitionNo(), decision, DecisionLog.RULE, received.event().id(), null);
    }

    /**
     * The decisions about a petition that the caller may read, newest first; empty when there are none or the
     * caller may not see them, so that both answer alike. The shared visibility policy decides, on the ledger's case:
     * nobody reads a petition that bars its department (回避, 信访工作条例 Art 46(5)), the bureau and the supervisor
     * included; apart from that the bureau and the supervisor read every petition, and a department only a petition
     * the ledger has it handle now (lead or co-handler), whatever a decision proposed.
     */
    @Transactional(readOnly = true)
    public List<DecisionLog.DecisionView> decisionsSeenBy(String petitionNo, Caller caller) {
        List<DecisionLog.DecisionView> found = decisions.decisions(petitionNo);
        if (found.isEmpty()) {
            return List.of();
        }
        Set<String> barred = decisions.facts(petitionNo).map(PetitionFacts::barred).orElse(Set.of());
        return visibility.access(caller, cases.parties(petitionNo, barred)) == Access.FULL ? found : List.of();
    }
}

package org.petitionbridge.routing.objections;

import java.sql.Timestamp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.petitionbridge.service.county.CountyReference;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.InvalidEventException;
import org.petitionbridge.routing.decisions.DecisionLog;
import org.petitionbridge.routing.rules.PetitionFacts;
import org.petitionbridge.routing.rules.RoutingDecision;
import org.petitionbridge.routing.rules.RuleEngine;
import org.petitionbridge.routing.rules.RuleSetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Objections (异议/退单): when the ledger reports that the bureau accepted a department's objection, routing decides
 * again under the active rules without that department and without every department whose objection was accepted
 * earlier for the same petition, and publishes the result with source REROUTE; when no rule can place the petition
 * without them, it goes to triage. Every other status event is ignored.
 */
@Service
public class ObjectionService {

    /** The ledger's action when the bureau accepted an objection; {@code objectingDepartment} names who objected. */
    public static final String OBJECTION_ACCEPTED = "OBJECTION_ACCEPTED";

    private static final Logger log = LoggerFactory.getLogger(ObjectionService.class);

    private final JdbcClient jdbc;
    private final DecisionLog decisions;
    private final RuleEngine engine;
    private final RuleSetStore rules;
    private final CountyReference county;

    ObjectionService(JdbcClient jdbc, DecisionLog decisions, RuleEngine engine, RuleSetStore rules,
            CountyReference county) {
        this.jdbc = jdbc;
        this.decisions = decisions;
        this.engine = engine;
        this.rules = rules;
        this.county = county;
    }

    /** True for the one status event routing acts on. */
    public static boolean concernsRouting(CaseStatusChanged status) {
        return OBJECTION_ACCEPTED.equals(status.action());
    }

    /**
     * Refuses an OBJECTION_ACCEPTED event that names no known objecting department: it goes to the dead-letter topic,
     * to be replayed once corrected.
     */
    public void requireKnownObjector(EventCodec.Received<CaseStatusChanged> received) {
        String department = received.data().objectingDepartment();
        if (department == null || county.department(department).isEmpty()) {
            throw new InvalidEventException("petition.status.v1 " + received.event().id() + " with action "
                    + OBJECTION_ACCEPTED + " names no known objectingDepartment");
        }
    }

    /**
     * Decides again for a petition after an accepted objection, in the transaction of the consumed status event
     * ({@code LedgerCases}, which holds the petition's lock): the objection and the new decision with its event are
     * committed with it. The objection is recorded once per petition and department, so a second delivery of the
     * event (or the same acceptance published again) decides nothing.
     *
     * @throws InvalidEventException when routing never received the petition
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decideAgain(EventCodec.Received<CaseStatusChanged> received) {
        CaseStatusChanged status = received.data();
        String department = status.objectingDepartment();
        PetitionFacts facts = decisions.facts(status.petitionNo()).orElseThrow(() -> new InvalidEventException(
                "petition.status.v1 " + received.event().id() + ": routing never received petition "
                        + status.petitionNo()));
        int recorded = jdbc.sql("""
                insert into accepted_objection (petition_no, department, accepted_at, cause_event_id)
                values (?, ?, ?, ?) on conflict (petition_no, department) do nothing""")
                .params(status.petitionNo(), department, Timestamp.from(status.occurredAt() == null
                        ? received.event().time() : status.occurredAt()), received.event().id())
                .update();
        if (recorded == 0) {
            // the same acceptance published again under another event id: it was decided on already
            log.info("Petition {}: the objection of {} was accepted before; not deciding again", status.petitionNo(),
                    department);
            return;
        }
        Set<String> excluded = new LinkedHashSet<>(excludedDepartments(status.petitionNo()));
        RoutingDecision decision = engine.decide(rules.active(), facts, excluded);
        decisions.record(status.petitionNo(), decision, DecisionLog.REROUTE, received.event().id(), null);
        log.info("Petition {} decided again after the objection of {}: {}", status.petitionNo(), department,
                decision.triage() ? "triage" : "lead " + decision.lead());
    }

    /** The departments whose objection the bureau accepted for a petition, oldest first. */
    public List<String> excludedDepartments(String petitionNo) {
        return jdbc.sql("select department from accepted_objection where petition_no = ? order by accepted_at,"
                + " department").param(petitionNo).query(String.class).list();
    }
}

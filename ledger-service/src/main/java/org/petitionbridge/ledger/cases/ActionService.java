package org.petitionbridge.ledger.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.petitionbridge.events.CaseStatus;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Department actions on cases: checked by {@link CaseStateMachine}, recorded by {@link Transitions}. */
@Service
public class ActionService {

    private final CaseRepository cases;
    private final CaseStateMachine rules;
    private final Transitions transitions;
    private final CaseViews views;
    private final Clock clock;

    ActionService(CaseRepository cases, CaseStateMachine rules, Transitions transitions, CaseViews views, Clock clock) {
        this.cases = cases;
        this.rules = rules;
        this.transitions = transitions;
        this.views = views;
        this.clock = clock;
    }

    @Transactional
    public CaseView act(String petitionNo, String actor, ActionRequest request) {
        rules.validate(request);
        return applyInCurrentTransaction(petitionNo, actor, request, clock.instant());
    }

    /** The actions the department may take on the case now ({@link CaseStateMachine#available}). */
    @Transactional(readOnly = true)
    public List<Action> available(String petitionNo, String actor) {
        CaseState c = cases.find(petitionNo)
                .orElseThrow(() -> new NotFoundException("No case " + petitionNo + " is in the ledger"));
        return rules.available(c, actor, clock.instant());
    }

    /**
     * Applies an action at a given moment (now for a department's request, the recorded moment when rebuilding),
     * joining the caller's transaction without marking it for rollback when the action is refused (the rebuild
     * applies thousands of actions in one transaction and reports a refusal instead of failing).
     */
    public CaseView applyInCurrentTransaction(String petitionNo, String actor, ActionRequest request, Instant at) {
        cases.lock(petitionNo);
        CaseState c = cases.find(petitionNo)
                .orElseThrow(() -> new NotFoundException("No case " + petitionNo + " is in the ledger"));
        CaseStatus from = c.status();
        CaseStateMachine.Applied applied = rules.apply(c, actor, request, at);
        transitions.record(c, from, applied.action(), actor, applied.summary(), request.toDetails(),
                applied.objectingDepartment(), at);
        return views.view(c);
    }
}

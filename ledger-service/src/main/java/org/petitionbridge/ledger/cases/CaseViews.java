package org.petitionbridge.ledger.cases;

import java.util.List;

import org.petitionbridge.events.EventCodec;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/** Turns a case's state into what the API shows. */
@Component
public class CaseViews {

    private static final TypeReference<List<CaseView.Petitioner>> PETITIONERS = new TypeReference<>() { };

    public CaseView view(CaseState c) {
        return new CaseView(c.petitionNo(), c.status().name(), c.channel(), c.category(), c.petitionClass(),
                c.divisionCode(), c.subject(), c.content(), c.petitionersJson() == null ? List.of()
                        : EventCodec.mapper().readValue(c.petitionersJson(), PETITIONERS),
                c.group(), c.groupSize(), c.repeatOf(), c.attachedTo(), c.repeatCount(), c.notAcceptedReason(),
                c.complainedDepartment(), c.lead(), List.copyOf(c.coHandlers()), c.routingExplanation(),
                c.responsiblePerson(), c.receivedAt(), c.assignedAt(), c.acknowledgedAt(), c.repliedAt(),
                c.replyOutcome(), c.extensionStatus() == null ? null : c.extensionStatus().name(), c.satisfaction(),
                c.closedAt(), c.supervisionCount(), c.dueDates(), c.runningClock().map(CaseClock::name).orElse(null),
                c.nextDue(), c.updatedAt());
    }
}

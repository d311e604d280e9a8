package org.petitionbridge.risk.screening;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.petitionbridge.events.DisputeChanged;
import org.petitionbridge.events.ScreeningChanged;
import org.petitionbridge.risk.screening.ScreeningViews.DisputeView;
import org.petitionbridge.risk.screening.ScreeningViews.RoundView;
import org.petitionbridge.service.outbox.OutboxWriter;
import org.springframework.stereotype.Component;

/**
 * Publishes what screening does, on risk.screening.v1 and risk.dispute.v1, through the outbox (in the transaction
 * that makes the change), one change number more each time.
 */
@Component
class ScreeningEvents {

    private final OutboxWriter outbox;
    private final Clock clock;

    ScreeningEvents(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** @param departments who the event is for (notify adds the bureau) */
    void round(RoundView round, String action, List<String> departments, List<String> missing, String reporter,
            long sequence) {
        Instant now = clock.instant();
        outbox.append(new ScreeningChanged(round.id(), action, round.name(), round.kind().name(), round.dueBy(),
                departments, missing, reporter, now, sequence), now);
    }

    void dispute(DisputeView d, String action, LocalDate today) {
        Instant now = clock.instant();
        int overdue = d.overdue() ? (int) ChronoUnit.DAYS.between(d.resolveBy(), today) : 0;
        outbox.append(new DisputeChanged(d.id(), action, d.roundId(), d.unit(), d.divisionCode(), d.townshipCode(),
                d.category(), d.summary(), d.peopleInvolved(), d.riskLevel().name(), d.status().name(),
                d.responsibleDepartment(), d.responsiblePerson(), d.leaderInCharge(), d.leaderUnit(), d.resolveBy(),
                overdue, d.projectId(), now, d.sequence()), now);
    }
}

package org.petitionbridge.events;

import java.time.Instant;
import java.util.List;

/**
 * A screening round (矛盾纠纷排查) opened, reported in, or calling for reports, as risk-service publishes it on
 * {@link Topics#RISK_SCREENING}. It names units, never people.
 *
 * @param roundId     the round's id; also the Kafka key
 * @param action      OPENED (to every unit of the round), REPORTED (a unit reported; to the bureau), REMINDER (the
 *                    round is due soon; to the units that have not reported) or OVERDUE (the round is due; to the
 *                    bureau, with the units that have not reported)
 * @param name        the round's name
 * @param kind        ROUTINE or SPECIAL
 * @param dueBy       when reports are due
 * @param departments the units this event is for (see {@code action})
 * @param missing     the units that have not reported yet
 * @param reporter    for REPORTED, the unit that reported; else null
 * @param occurredAt  when it happened
 * @param sequence    the round's change number
 */
public record ScreeningChanged(
        String roundId,
        String action,
        String name,
        String kind,
        Instant dueBy,
        List<String> departments,
        List<String> missing,
        String reporter,
        Instant occurredAt,
        long sequence) implements PlatformEvent {

    public static final String TYPE = "risk.screening.v1";
    public static final String TOPIC = Topics.RISK_SCREENING;

    public ScreeningChanged {
        departments = List.copyOf(departments);
        missing = List.copyOf(missing);
    }

    @Override
    public String eventKey() {
        return roundId;
    }
}

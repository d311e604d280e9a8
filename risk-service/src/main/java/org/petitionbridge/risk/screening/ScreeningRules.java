package org.petitionbridge.risk.screening;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When screening calls for reports and cards overdue issues ({@code petition-bridge.risk.screening}; docs/risk.md).
 *
 * @param remindDaysBefore     days before a round is due when the units that have not reported are reminded
 * @param yellowCardAfterDays  days past its deadline when an open issue gets a yellow card (黄牌督办)
 * @param redCardAfterDays     days past its deadline when it gets a red card (红牌督办)
 */
@ConfigurationProperties("petition-bridge.risk.screening")
public record ScreeningRules(int remindDaysBefore, int yellowCardAfterDays, int redCardAfterDays) {

    public static final ScreeningRules DEFAULTS = new ScreeningRules(2, 3, 7);

    public ScreeningRules {
        if (remindDaysBefore < 0 || yellowCardAfterDays < 1 || redCardAfterDays <= yellowCardAfterDays) {
            throw new IllegalArgumentException("petition-bridge.risk.screening: need remind-days-before >= 0 and "
                    + "1 <= yellow-card-after-days < red-card-after-days");
        }
    }

    /** The flags and cards an open issue this many days past its deadline has earned, in order. */
    public List<String> earned(long daysOverdue) {
        List<String> kinds = new ArrayList<>();
        if (daysOverdue >= 1) {
            kinds.add("OVERDUE");
        }
        if (daysOverdue >= yellowCardAfterDays) {
            kinds.add("YELLOW_CARD");
        }
        if (daysOverdue >= redCardAfterDays) {
            kinds.add("RED_CARD");
        }
        return kinds;
    }
}

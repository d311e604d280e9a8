package org.petitionbridge.risk.projects;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a survey of the households affected sets a project's risk level ({@code petition-bridge.risk.assessment}).
 * The defaults follow local rules for house expropriation (e.g. Xi'an's): at least 95 % of the households surveyed
 * before any level is set; more than 33 % opposed is HIGH, 5 % to 33 % MEDIUM, under 5 % LOW. Percentages are whole
 * numbers and compared in integers, so a boundary never depends on rounding.
 *
 * @param minCoveragePercent households surveyed, in percent of those affected, before a level may be set
 * @param highAbovePercent   opposed, in percent of those surveyed, above which the level is HIGH
 * @param mediumFromPercent  opposed, in percent of those surveyed, from which the level is MEDIUM
 */
@ConfigurationProperties("petition-bridge.risk.assessment")
public record AssessmentRules(int minCoveragePercent, int highAbovePercent, int mediumFromPercent) {

    public static final AssessmentRules DEFAULTS = new AssessmentRules(95, 33, 5);

    public AssessmentRules {
        if (minCoveragePercent < 1 || minCoveragePercent > 100 || mediumFromPercent < 0
                || highAbovePercent < mediumFromPercent || highAbovePercent > 100) {
            throw new IllegalArgumentException("petition-bridge.risk.assessment: need 0 <= medium-from-percent <= "
                    + "high-above-percent <= 100 and 1 <= min-coverage-percent <= 100");
        }
    }

    /** Households still to survey before a level may be set; 0 when the survey covers enough. */
    public int missingHouseholds(int households, int surveyed) {
        int needed = (int) ((long) households * minCoveragePercent / 100
                + ((long) households * minCoveragePercent % 100 == 0 ? 0 : 1));
        return Math.max(0, needed - surveyed);
    }

    /** The level the survey gives. */
    public RiskLevel level(int surveyed, int opposed) {
        if (surveyed == 0) {
            return RiskLevel.HIGH;
        }
        long share = 100L * opposed;
        if (share > (long) highAbovePercent * surveyed) {
            return RiskLevel.HIGH;
        }
        if (share >= (long) mediumFromPercent * surveyed) {
            return RiskLevel.MEDIUM;
        }
        return RiskLevel.LOW;
    }
}

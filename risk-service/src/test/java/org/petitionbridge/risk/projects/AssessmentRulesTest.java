package org.petitionbridge.risk.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentRulesTest {

    private final AssessmentRules rules = AssessmentRules.DEFAULTS;

    @ParameterizedTest(name = "{1} of {0} opposed: {2}")
    @CsvSource({
            "100, 0, LOW", "100, 4, LOW", "100, 5, MEDIUM", "100, 33, MEDIUM", "100, 34, HIGH", "100, 100, HIGH",
            // boundaries that a floating-point share would get wrong: 1 of 20 is exactly 5 %, 33 of 100 exactly 33 %
            "20, 1, MEDIUM", "3, 1, HIGH", "300, 99, MEDIUM", "300, 100, HIGH", "21, 1, LOW"})
    void theSurveyGivesTheLevel(int surveyed, int opposed, RiskLevel level) {
        assertThat(rules.level(surveyed, opposed)).isEqualTo(level);
    }

    @ParameterizedTest(name = "{1} of {0} households surveyed: {2} missing")
    @CsvSource({"100, 95, 0", "100, 94, 1", "200, 180, 10", "120, 114, 0", "121, 114, 1", "1, 0, 1", "7, 7, 0"})
    void aSurveyBelowTheCoverageSaysHowManyHouseholdsAreMissing(int households, int surveyed, int missing) {
        assertThat(rules.missingHouseholds(households, surveyed)).isEqualTo(missing);
    }

    @Test
    void nobodySurveyedIsNeverLowRisk() {
        assertThat(rules.level(0, 0)).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void thresholdsOutOfOrderAreRefusedAtStart() {
        assertThatThrownBy(() -> new AssessmentRules(95, 5, 33)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("medium-from-percent");
        assertThatThrownBy(() -> new AssessmentRules(0, 33, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAnAssessedOrPostponedProjectAwaitsADecision() {
        assertThat(ProjectStatus.values()).filteredOn(ProjectStatus::awaitsDecision)
                .containsExactlyInAnyOrder(ProjectStatus.ASSESSED, ProjectStatus.POSTPONED);
        assertThat(Decision.PROCEED.result()).isEqualTo(ProjectStatus.PROCEEDING);
    }
}

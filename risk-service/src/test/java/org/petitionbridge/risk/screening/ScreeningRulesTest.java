package org.petitionbridge.risk.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The screening rules alone, in milliseconds: cards, the action table, personal data in text. */
class ScreeningRulesTest {

    @Test
    void anOverdueIssueIsFlaggedTheFirstDayAndCardedYellowAndRed() {
        ScreeningRules rules = ScreeningRules.DEFAULTS;
        assertThat(rules.earned(0)).isEmpty();
        assertThat(rules.earned(1)).containsExactly("OVERDUE");
        assertThat(rules.earned(3)).containsExactly("OVERDUE", "YELLOW_CARD");
        assertThat(rules.earned(7)).containsExactly("OVERDUE", "YELLOW_CARD", "RED_CARD");
        assertThatThrownBy(() -> new ScreeningRules(2, 5, 5)).hasMessageContaining("red-card-after-days");
    }

    @Test
    void onlyAResolvedIssueIsStruckOffAndOnlyTheBureauStrikesOffOrReopens() {
        assertThat(DisputeAction.CLOSE.allowedFrom(DisputeStatus.RESOLVED)).isTrue();
        assertThat(DisputeAction.CLOSE.allowedFrom(DisputeStatus.IN_PROGRESS)).isFalse();
        assertThat(DisputeAction.CLOSE.allowedFrom(DisputeStatus.STABILIZED)).isFalse();
        assertThat(DisputeAction.REOPEN.allowedFrom(DisputeStatus.CLOSED)).isTrue();
        assertThat(DisputeAction.RESOLVE.allowedFrom(DisputeStatus.CLOSED)).isFalse();
        assertThat(DisputeAction.CLOSE.bureauOnly()).isTrue();
        assertThat(DisputeAction.REOPEN.bureauOnly()).isTrue();
        assertThat(DisputeAction.RESOLVE.bureauOnly()).isFalse();
        assertThat(DisputeStatus.STABILIZED.isOpen()).isFalse();
        assertThat(DisputeStatus.ESCALATED.isOpen()).isTrue();
    }

    @Test
    void idAndMobileNumbersAreFoundHoweverTheyAreWrittenAndAmountsAndDatesAreNot() {
        assertThat(PersonalDataInText.problem("身份证110105194912310021")).contains("resident ID number");
        assertThat(PersonalDataInText.problem("身份证 11010519491231002X")).contains("resident ID number");
        assertThat(PersonalDataInText.problem("电话13800138000")).contains("mobile number");
        assertThat(PersonalDataInText.problem("电话 +8613800138000")).contains("mobile number");
        assertThat(PersonalDataInText.problem("电话008613800138000")).contains("mobile number");
        assertThat(PersonalDataInText.problem("电话 138 0013 8000")).contains("mobile number");
        assertThat(PersonalDataInText.problem("电话 138-0013-8000")).contains("mobile number");
        assertThat(PersonalDataInText.problem("补偿款 1380000 元，2026-12-01 前发放，涉及 12 户")).isNull();
        assertThat(PersonalDataInText.problem(null)).isNull();
    }
}

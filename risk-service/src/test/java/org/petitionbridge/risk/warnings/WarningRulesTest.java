package org.petitionbridge.risk.warnings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every warning rule at its boundaries, without Spring, broker or database. */
class WarningRulesTest {

    private final WarningRules rules = WarningRules.DEFAULTS;

    @Test
    void aClusterNeedsFivePetitionsAndRisesAtTenAndFifteen() {
        WarningRules.Cluster c = rules.cluster();
        assertThat(c.raises(4)).isFalse();
        assertThat(c.raises(5)).isTrue();
        assertThat(c.level(9)).isEqualTo(WarningLevel.YELLOW);
        assertThat(c.level(10)).isEqualTo(WarningLevel.ORANGE);
        assertThat(c.level(15)).isEqualTo(WarningLevel.RED);
    }

    @Test
    void aSpikeNeedsTheMinimumAndMoreThanTwiceTheTrailingAverage() {
        WarningRules.Spike s = rules.spike();
        // trailing average 5: 10 is exactly twice, not more
        assertThat(s.raises(10, List.of(5, 5, 5, 5))).isFalse();
        assertThat(s.raises(11, List.of(5, 5, 5, 5))).isTrue();
        // below the minimum nothing is a spike, however quiet the weeks before
        assertThat(s.raises(9, List.of(0, 0, 0, 0))).isFalse();
        assertThat(s.raises(10, List.of(0, 0, 0, 0))).isTrue();
        assertThat(s.level(11, List.of(5, 5, 5, 5))).isEqualTo(WarningLevel.YELLOW);
        assertThat(s.level(21, List.of(5, 5, 5, 5))).isEqualTo(WarningLevel.ORANGE);
    }

    @Test
    void aGroupPetitionIsOrangeAndRedFromFiftyPeople() {
        assertThat(rules.group().level(5)).isEqualTo(WarningLevel.ORANGE);
        assertThat(rules.group().level(49)).isEqualTo(WarningLevel.ORANGE);
        assertThat(rules.group().level(50)).isEqualTo(WarningLevel.RED);
    }

    @Test
    void theSameMatterWarnsTheThirdTimeAndRisesTheFourthAndFifth() {
        WarningRules.Repeat r = rules.repeat();
        assertThat(r.raises(2)).isFalse();
        assertThat(r.raises(3)).isTrue();
        assertThat(r.level(3)).isEqualTo(WarningLevel.YELLOW);
        assertThat(r.level(4)).isEqualTo(WarningLevel.ORANGE);
        assertThat(r.level(5)).isEqualTo(WarningLevel.RED);
    }

    @Test
    void aProjectWarnsAtThreePetitionsOrAnyGroupAndIsRedWhenItsLowAssessmentIsContradicted() {
        WarningRules.Project p = rules.project();
        assertThat(p.raises(2, false)).isFalse();
        assertThat(p.raises(3, false)).isTrue();
        assertThat(p.raises(1, true)).isTrue();
        assertThat(p.level(false, false)).isEqualTo(WarningLevel.ORANGE);
        assertThat(p.level(true, false)).isEqualTo(WarningLevel.RED);
        assertThat(p.level(false, true)).isEqualTo(WarningLevel.RED);
    }

    @Test
    void nonsenseThresholdsAreRefusedAtStartUp() {
        assertThatThrownBy(() -> new WarningRules.Cluster(0, 7)).hasMessageContaining("cluster.petitions");
        assertThatThrownBy(() -> new WarningRules.Repeat(3, 2, 5)).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new WarningRules.Escalation(Duration.ZERO)).hasMessageContaining("red-unacknowledged");
    }

    @Test
    void rulesLeftOutOfTheConfigurationTakeTheDefaults() {
        WarningRules partial = new WarningRules(new WarningRules.Cluster(3, 2), null, null, null, null, null);
        assertThat(partial.cluster().petitions()).isEqualTo(3);
        assertThat(partial.project()).isEqualTo(WarningRules.DEFAULTS.project());
        assertThat(partial.escalation().redUnacknowledged()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void durationsReadAsAClerkReadsThem() {
        assertThat(Explanations.duration(Duration.ofHours(12))).isEqualTo("12 小时");
        assertThat(Explanations.duration(Duration.ofMinutes(30))).isEqualTo("30 分钟");
        assertThat(Explanations.duration(Duration.ofMinutes(90))).isEqualTo("1 小时 30 分钟");
    }

    @Test
    void theLevelOfAnOpenWarningNeverFallsAndActionsFollowTheTable() {
        assertThat(WarningLevel.RED.max(WarningLevel.YELLOW)).isEqualTo(WarningLevel.RED);
        assertThat(WarningAction.ACKNOWLEDGE.allowedFrom(WarningStatus.OPEN)).isTrue();
        assertThat(WarningAction.ACKNOWLEDGE.allowedFrom(WarningStatus.ACKNOWLEDGED)).isFalse();
        assertThat(WarningAction.RESOLVE.allowedFrom(WarningStatus.ACKNOWLEDGED)).isTrue();
        assertThat(WarningAction.RESOLVE.allowedFrom(WarningStatus.DISMISSED)).isFalse();
        assertThat(WarningAction.DISMISS.bureauOnly()).isTrue();
        assertThat(WarningAction.RESOLVE.bureauOnly()).isFalse();
    }
}

package org.petitionbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** What the ledger's statuses mean to the other services, in milliseconds. */
class CaseStatusesTest {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");

    @Test
    void theLedgerAppliesAssignmentsOnlyBeforeTheUnitSignsForTheCase() {
        for (String status : new String[] {"REGISTERED", "TRIAGE", "OBJECTED", "ASSIGNED"}) {
            assertThat(CaseStatuses.whyNotAssignable(status, null)).as(status).isEmpty();
        }
        assertThat(CaseStatuses.whyNotAssignable("ACKNOWLEDGED", null)).hasValueSatisfying(
                why -> assertThat(why).contains("签收受理", "异议"));
        assertThat(CaseStatuses.whyNotAssignable("CLOSED", null)).hasValueSatisfying(
                why -> assertThat(why).contains("信访程序已结束"));
        assertThat(CaseStatuses.whyNotAssignable("REVIEW_REQUESTED", null)).isPresent();
        assertThat(CaseStatuses.whyNotAssignable("OBJECTED", null, true)).hasValueSatisfying(
                why -> assertThat(why).contains("异议"));
        assertThat(CaseStatuses.whyNotAssignable("OBJECTED", null, false)).isEmpty();
        assertThat(CaseStatuses.whyNotAssignable("ASSIGNED", "XF990101-20261201-000001")).hasValueSatisfying(
                why -> assertThat(why).contains("重复信访", "XF990101-20261201-000001"));
    }

    @Test
    void aLaterChangeSupersedesByItsSequenceOrElseByItsTime() {
        assertThat(CaseStatuses.supersedes(null, null, 1L, T)).isTrue();
        assertThat(CaseStatuses.supersedes(3L, T, 4L, T.minusSeconds(60))).as("sequence, not time").isTrue();
        assertThat(CaseStatuses.supersedes(3L, T, 3L, T.plusSeconds(60))).as("the same change").isFalse();
        assertThat(CaseStatuses.supersedes(3L, T, 2L, T.plusSeconds(60))).isFalse();
        assertThat(CaseStatuses.supersedes(3L, T, null, T.plusSeconds(60))).as("an event without sequence").isFalse();
        assertThat(CaseStatuses.supersedes(null, T, null, T.plusSeconds(1))).isTrue();
        assertThat(CaseStatuses.supersedes(null, T, null, T.minusSeconds(1))).isFalse();
        assertThat(CaseStatuses.supersedesSql("case_status")).contains("case_status.sequence < excluded.sequence");
    }
}

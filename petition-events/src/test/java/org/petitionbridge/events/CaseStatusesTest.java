package org.petitionbridge.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    @Test
    void theSetsOfStatusesAreTheEnumsMeaningsAsTheStringsOnTheWire() {
        assertThat(CaseStatuses.ENDED).containsExactlyInAnyOrder("CLOSED", "REDIRECTED", "TERMINATED", "NOT_ACCEPTED");
        assertThat(CaseStatuses.ASSIGNABLE).containsExactlyInAnyOrder("REGISTERED", "TRIAGE", "OBJECTED", "ASSIGNED");
        assertThat(CaseStatuses.TRIAGEABLE).containsExactlyInAnyOrder("REGISTERED", "TRIAGE", "OBJECTED");
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(CaseStatus.of(status.name())).hasValue(status);
            assertThat(CaseStatuses.ENDED.contains(status.name())).as(status.name()).isEqualTo(status.isEnded());
            assertThat(CaseStatuses.whyNotAssignable(status, null, false))
                    .isEqualTo(CaseStatuses.whyNotAssignable(status.name(), null));
        }
        assertThat(CaseStatus.of("DANCING")).isEmpty();
        assertThat(CaseStatus.of(null)).isEmpty();
        // a status a newer ledger publishes and this version does not know yet is not assignable, in words
        assertThat(CaseStatuses.whyNotAssignable("APPEALED", null)).hasValueSatisfying(
                why -> assertThat(why).contains("APPEALED", "不能再分办"));
    }

    @Test
    void theStatusesAreThoseOfTheStatusEventsSchema() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/petition.status.v1.json")) {
            JsonNode schema = new ObjectMapper().readTree(in);
            assertThat(schema.get("properties").get("status").get("enum")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(Arrays.stream(CaseStatus.values()).map(CaseStatus::name).toList());
        }
    }
}

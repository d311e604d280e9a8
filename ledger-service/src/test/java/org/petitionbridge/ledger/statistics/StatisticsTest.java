package org.petitionbridge.ledger.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import tools.jackson.databind.JsonNode;

/** The bureau's figures for a set of cases computed by hand (received in January 2025, no other test's period). */
class StatisticsTest extends LedgerIntegrationTest {

    private void insert(String no, String status, String lead, String ackDue, String acknowledged, String replyDue,
            String replied, String satisfaction, String repeatOf, boolean group, String assignDue) {
        jdbc.sql("""
                insert into petition_case (petition_no, status, channel, category, division_code, township_code, subject,
                    content, petitioners, group_size, is_group, repeat_of, lead, received_at, assign_due, acknowledge_due,
                    acknowledged_at, reply_due, replied_at, satisfaction, opened_at, updated_at)
                values (?, ?, 'LETTER', 'LAND_REQUISITION', '990101005001', '990101005', '征地补偿', '测试', '[]', ?, ?, ?, ?,
                    timestamptz '2025-01-10 09:00+08', cast(? as date), cast(? as date), cast(? as timestamptz),
                    cast(? as date), cast(? as timestamptz), ?, now(), now())""")
                .params(no, status, group ? 8 : 1, group, repeatOf, lead, assignDue, ackDue, acknowledged, replyDue,
                        replied, satisfaction)
                .update();
    }

    @Test
    void theFiguresOfAHandComputedSetComeOutExactly() throws Exception {
        // NYJ: A on time throughout, satisfied, closed; B acknowledged late, replied within an extended limit,
        // dissatisfied, a repeat; C never acknowledged and overdue, a group petition. MZJ: E replied late.
        // D: waiting in triage, overdue for assignment.
        insert("XF990101-20250110-000001", "CLOSED", "NYJ", "2025-01-25", "2025-01-20 10:00+08", "2025-03-21",
                "2025-03-01 10:00+08", "SATISFIED", null, false, "2025-01-25");
        insert("XF990101-20250110-000002", "REPLIED", "NYJ", "2025-01-25", "2025-01-28 10:00+08", "2025-04-28",
                "2025-04-10 10:00+08", "DISSATISFIED", "XF990101-20241201-000009", false, "2025-01-25");
        insert("XF990101-20250110-000003", "ASSIGNED", "NYJ", "2025-01-25", null, null, null, null, null, true,
                "2025-01-25");
        insert("XF990101-20250110-000004", "TRIAGE", null, null, null, null, null, null, null, false, "2025-01-25");
        insert("XF990101-20250110-000005", "CLOSED", "MZJ", "2025-01-25", "2025-01-25 23:00+08", "2025-03-21",
                "2025-03-30 10:00+08", "BASICALLY_SATISFIED", null, false, "2025-01-25");

        Map<String, JsonNode> byDepartment = new HashMap<>();
        json(get("/api/v1/statistics?groupBy=department&from=2025-01-01&to=2025-01-31").body())
                .forEach(row -> byDepartment.put(row.get("key").asString(), row));
        assertThat(byDepartment).containsOnlyKeys("NYJ", "MZJ", "(未分办)");

        JsonNode nyj = byDepartment.get("NYJ");
        assertThat(nyj.get("received").asLong()).isEqualTo(3);
        assertThat(nyj.get("acknowledgedOnTime").asLong()).isEqualTo(1);
        assertThat(nyj.get("acknowledgementDue").asLong()).isEqualTo(3);
        assertThat(nyj.get("acknowledgedOnTimeRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(nyj.get("repliedOnTime").asLong()).isEqualTo(2);
        assertThat(nyj.get("replyDue").asLong()).isEqualTo(2);
        assertThat(nyj.get("repliedOnTimeRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(nyj.get("satisfactionRate").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(nyj.get("open").asLong()).isEqualTo(2);
        assertThat(nyj.get("overdue").asLong()).isEqualTo(1);
        assertThat(nyj.get("repeats").asLong()).isEqualTo(1);
        assertThat(nyj.get("repeatRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(nyj.get("groupPetitions").asLong()).isEqualTo(1);

        JsonNode mzj = byDepartment.get("MZJ");
        assertThat(mzj.get("acknowledgedOnTimeRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(mzj.get("repliedOnTimeRate").decimalValue()).isEqualByComparingTo("0");
        assertThat(mzj.get("satisfactionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(mzj.get("open").asLong()).isZero();

        JsonNode triage = byDepartment.get("(未分办)");
        assertThat(triage.get("acknowledgedOnTimeRate").isNull()).isTrue();
        assertThat(triage.get("overdue").asLong()).isEqualTo(1);

        JsonNode byTownship = json(get("/api/v1/statistics?groupBy=township&from=2025-01-01&to=2025-01-31").body());
        assertThat(byTownship).hasSize(1);
        assertThat(byTownship.get(0).get("key").asString()).isEqualTo("990101005");
        assertThat(byTownship.get(0).get("received").asLong()).isEqualTo(5);

        assertThat(get("/api/v1/statistics?groupBy=weather").statusCode()).isEqualTo(400);
    }
}

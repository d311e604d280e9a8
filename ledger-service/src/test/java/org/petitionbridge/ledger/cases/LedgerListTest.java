package org.petitionbridge.ledger.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import tools.jackson.databind.JsonNode;

/** A department's day: its open cases by due date, as JSON and as a spreadsheet. */
class LedgerListTest extends LedgerIntegrationTest {

    @Test
    void aDepartmentListsItsCasesByDueDateAndExportsTheLedgerAsCsv() throws Exception {
        String first = assignedCase();
        String second = assignedCase();
        act(second, "RSJ", CaseLifecycleTest.ACKNOWLEDGE);   // reply due in 60 days: after the other's acknowledgement

        JsonNode page = json(get("/api/v1/cases?department=T002&status=ASSIGNED,ACKNOWLEDGED&size=1000").body());
        List<String> order = new ArrayList<>();
        page.get("items").forEach(i -> order.add(i.get("petitionNo").asString()));
        assertThat(order).contains(first, second);
        assertThat(order.indexOf(first)).isLessThan(order.indexOf(second));
        page.get("items").forEach(i -> assertThat(i.get("lead").asString().equals("T002")
                || i.toString().contains("\"T002\"")).isTrue());
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> csv = get("/api/v1/cases?department=T002&size=1000", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF信访件编号,状态,类别");
        assertThat(csv.body()).contains("\"" + first + "\"", "\"拖欠工资\"", "\"县人力资源和社会保障局\"", "\r\n");

        assertThat(get("/api/v1/cases?size=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/cases?from=yesterday").statusCode()).isEqualTo(400);
    }
}

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

        // T002 with its own token: its cases (co-handler here), without naming itself.
        JsonNode page = json(getAs("T002", "/api/v1/cases?status=ASSIGNED,ACKNOWLEDGED&size=1000").body());
        List<String> order = new ArrayList<>();
        page.get("items").forEach(i -> order.add(i.get("petitionNo").asString()));
        assertThat(order).contains(first, second);
        assertThat(order.indexOf(first)).isLessThan(order.indexOf(second));
        page.get("items").forEach(i -> assertThat(i.get("lead").asString().equals("T002")
                || i.toString().contains("\"T002\"")).isTrue());
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> csv = getAs("T002", "/api/v1/cases?size=1000", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFF信访件编号,状态,类别");
        assertThat(csv.body()).contains("\"" + first + "\"", "\"拖欠工资\"", "\"县人力资源和社会保障局\"", "\r\n");
        // names beside codes, and the whole filtered 台账 rather than one page
        assertThat(csv.body()).contains("\"990101002001\",\"东河镇 东河村\"", "\"已交办\"");
        long rows = csv.body().lines().count() - 1;
        assertThat(rows).isEqualTo(json(getAs("T002", "/api/v1/cases?size=1").body()).get("total").asLong());
        HttpResponse<String> everything = get("/api/v1/cases?size=1", "text/csv");
        assertThat(everything.body().lines().count() - 1).as("page and size apply to JSON only")
                .isEqualTo(json(get("/api/v1/cases?size=1").body()).get("total").asLong());

        assertThat(getAs("T002", "/api/v1/cases?size=0").statusCode()).isEqualTo(400);
        assertThat(getAs("T002", "/api/v1/cases?from=yesterday").statusCode()).isEqualTo(400);

        // The bureau filters the whole ledger by department.
        JsonNode bureau = json(get("/api/v1/cases?department=T002&status=ASSIGNED,ACKNOWLEDGED&size=1000").body());
        List<String> all = new ArrayList<>();
        bureau.get("items").forEach(i -> all.add(i.get("petitionNo").asString()));
        assertThat(all).contains(first, second);
    }
}

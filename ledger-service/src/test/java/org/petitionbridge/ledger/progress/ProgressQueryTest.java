package org.petitionbridge.ledger.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import tools.jackson.databind.JsonNode;

class ProgressQueryTest extends LedgerIntegrationTest {

    @Test
    void thePetitionerSeesProgressWithTheCodeAndNothingElseWithoutIt() throws Exception {
        String no = newPetitionNo();
        publish(received(no, clock.instant(), null, ProgressController.hash("ABCD2345EFGH")));
        publish(routed(no, "RULE", "RSJ", java.util.List.of("T002"), clock.instant().plusMillis(1)));
        awaitStatus(no, "ASSIGNED");

        HttpResponse<String> ok = get("/api/v1/progress/" + no + "?code=abcd2345efgh");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode progress = json(ok.body());
        assertThat(progress.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(progress.get("leadDepartment").asString()).isEqualTo("县人力资源和社会保障局");
        assertThat(progress.get("dueDate").asString()).isNotBlank();
        assertThat(ok.body()).doesNotContain("王*", "pseudo", "包工头", "T002", "测试");

        HttpResponse<String> wrongCode = get("/api/v1/progress/" + no + "?code=WRONGCODE999");
        HttpResponse<String> unknown = get("/api/v1/progress/XF990101-19990101-000001?code=ABCD2345EFGH");
        assertThat(wrongCode.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(wrongCode.body()).get("detail")).isEqualTo(json(unknown.body()).get("detail"));

        get("/api/v1/progress/" + no);
        get("/api/v1/progress/" + no + "?code=X");
        get("/api/v1/progress/" + no + "?code=Y");
        HttpResponse<String> limited = get("/api/v1/progress/" + no + "?code=abcd2345efgh");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    }
}

package org.petitionbridge.ledger.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

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

        HttpResponse<String> ok = getWithoutToken("/api/v1/progress/" + no + "?code=abcd2345efgh");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode progress = json(ok.body());
        assertThat(progress.get("status").asString()).isEqualTo("ASSIGNED");
        assertThat(progress.get("leadDepartment").asString()).isEqualTo("县人力资源和社会保障局");
        assertThat(progress.get("dueDate").asString()).isNotBlank();
        assertThat(ok.body()).doesNotContain("王*", "pseudo", "包工头", "T002", "测试");

        HttpResponse<String> wrongCode = getWithoutToken("/api/v1/progress/" + no + "?code=WRONGCODE999");
        HttpResponse<String> unknown = getWithoutToken("/api/v1/progress/XF990101-19990101-000001?code=ABCD2345EFGH");
        assertThat(wrongCode.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(wrongCode.body()).get("detail")).isEqualTo(json(unknown.body()).get("detail"));

        getWithoutToken("/api/v1/progress/" + no);
        getWithoutToken("/api/v1/progress/" + no + "?code=X");
        getWithoutToken("/api/v1/progress/" + no + "?code=Y");
        HttpResponse<String> limited = getWithoutToken("/api/v1/progress/" + no + "?code=abcd2345efgh");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());

        // After the failure window the address may ask again (and the other tests' progress queries are not hurt).
        clock.advance(Duration.ofMinutes(11));
        assertThat(getWithoutToken("/api/v1/progress/" + no + "?code=abcd2345efgh").statusCode()).isEqualTo(200);
    }
}

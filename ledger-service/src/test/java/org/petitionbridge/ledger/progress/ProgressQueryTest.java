package org.petitionbridge.ledger.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.TrackingCodes;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.service.problems.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import tools.jackson.databind.JsonNode;

class ProgressQueryTest extends LedgerIntegrationTest {

    @Autowired
    private ProgressController controller;

    @Test
    void thePetitionerSeesProgressWithTheCodeAndNothingElseWithoutIt() throws Exception {
        String no = newPetitionNo();
        publish(received(no, clock.instant(), null, TrackingCodes.hash("ABCD2345EFGH")));
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

    @Test
    void onlyAFailedQueryMakesTheAddressRemembered() throws Exception {
        String no = newPetitionNo();
        publish(received(no, clock.instant(), null, TrackingCodes.hash("MEMO2345WXYZ")));
        publish(routed(no, "RULE", "RSJ", java.util.List.of(), clock.instant().plusMillis(1)));
        awaitStatus(no, "ASSIGNED");
        // Addresses of the documentation range, which no other test uses.
        MockHttpServletRequest right = new MockHttpServletRequest();
        right.setRemoteAddr("198.51.100.201");
        MockHttpServletRequest wrong = new MockHttpServletRequest();
        wrong.setRemoteAddr("198.51.100.202");

        for (int i = 0; i < 10; i++) {
            assertThat(controller.progress(no, "memo2345wxyz", right).getStatusCode().value()).isEqualTo(200);
        }
        assertThat(controller.remembers("198.51.100.201")).isFalse();
        assertThatThrownBy(() -> controller.progress(no, "WRONG2345XYZ", wrong))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("No petition matches");
        assertThat(controller.remembers("198.51.100.202")).isTrue();
    }
}

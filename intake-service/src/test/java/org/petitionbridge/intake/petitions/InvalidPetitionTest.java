package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Bad input gets a problem-details answer naming the field, and nothing is registered or published. */
class InvalidPetitionTest extends IntakeIntegrationTest {

    int petitionsBefore;
    int outboxBefore;

    @BeforeEach
    void countBefore() {
        petitionsBefore = rows("petition");
        outboxBefore = rows("outbox_event") + published();
    }

    @AfterEach
    void nothingWasRegisteredOrPublished() {
        assertThat(rows("petition")).isEqualTo(petitionsBefore);
        assertThat(rows("outbox_event") + published()).isEqualTo(outboxBefore);
    }

    private int published() {
        // Rows leave the outbox only once published; the sequence of outbox ids counts everything ever written.
        return jdbc.sql("select coalesce((select last_value from outbox_event_id_seq where is_called), 0)")
                .query(Integer.class).single() - rows("outbox_event");
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asString()).isNotBlank();
        List<String> fields = new ArrayList<>();
        if (problem.has("errors")) {
            problem.get("errors").forEach(e -> {
                assertThat(e.get("message").asString()).isNotBlank();
                fields.add(e.get("field").asString());
            });
        }
        return fields;
    }

    @Test
    void malformedJsonIsA400() throws Exception {
        HttpResponse<String> response = postJson("/api/v1/petitions", "{\"channel\": \"VISIT\", ");
        assertThat(fields(response)).isEmpty();
        assertThat(json(response.body()).get("detail").asString()).contains("JSON");
    }

    @Test
    void missingRequiredFieldsAreEachNamed() throws Exception {
        HttpResponse<String> response = postJson("/api/v1/petitions", "{\"channel\": \"VISIT\"}");
        assertThat(fields(response)).contains("divisionCode", "subject", "content", "petitioners");
    }

    @Test
    void anUnknownDivisionCodeIsNamed() throws Exception {
        String body = PetitionRegistrationTest.WAGE_PETITION.replace("990101002001", "110105001001");
        assertThat(fields(postJson("/api/v1/petitions", body))).containsExactly("divisionCode");
    }

    @Test
    void aWrongTypeNamesTheField() throws Exception {
        String body = PetitionRegistrationTest.WAGE_PETITION.replace("\"channel\": \"VISIT\"",
                "\"channel\": \"VISIT\", \"receivedAt\": \"yesterday\"");
        assertThat(fields(postJson("/api/v1/petitions", body))).containsExactly("receivedAt");
    }

    @Test
    void everyBadFieldIsListedAtOnceWithoutEchoingPersonalData() throws Exception {
        String body = """
                {"channel": "FAX", "divisionCode": "990101002001", "category": "NO_SUCH", "subject": "",
                 "content": "x", "groupSize": 0,
                 "petitioners": [{"name": "李四", "idNumber": "110105194912310021", "phone": "12345"}]}""";
        HttpResponse<String> response = postJson("/api/v1/petitions", body);
        assertThat(fields(response)).containsExactlyInAnyOrder("channel", "category", "subject",
                "petitioners[0].idNumber", "petitioners[0].phone", "groupSize");
        assertThat(response.body()).doesNotContain("李四", "110105194912310021", "12345\"");
    }

    @Test
    void aWrongContentTypeIsA415() throws Exception {
        HttpResponse<String> response = post("/api/v1/petitions", "text/plain", "hello");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }
}

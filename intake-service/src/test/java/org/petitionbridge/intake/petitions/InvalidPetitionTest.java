package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
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
    void aComplaintNamesTheUnitItIsAboutOrSaysWhichFieldIsWrong() throws Exception {
        String body = PetitionRegistrationTest.WAGE_PETITION;
        // only a person: which unit is unknown
        assertThat(fields(postJson("/api/v1/petitions", Petitions.with(body, "complainedAgainst",
                "{\"person\": \"村主任\"}")))).containsExactly("complainedAgainst");
        assertThat(fields(postJson("/api/v1/petitions", Petitions.with(body, "complainedAgainst",
                "{\"person\": \"村主任\", \"village\": \"990101009009\", \"township\": \"99010100\"}"))))
                .containsExactlyInAnyOrder("complainedAgainst.village", "complainedAgainst.township");
        assertThat(fields(postJson("/api/v1/petitions", Petitions.with(body, "complainedAgainst",
                "{\"department\": \"NOPE\"}")))).containsExactly("complainedAgainst.department");
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

    @Test
    void aBodyOverOneMebibyteIsA413() throws Exception {
        String huge = PetitionRegistrationTest.WAGE_PETITION.replace("包工头一直拖欠工钱。", "欠".repeat(400_000));
        assertThat(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(1 << 20);
        tooLarge(postJson("/api/v1/petitions", huge));

        // Without Content-Length (chunked), the body is read up to the limit and no further.
        byte[] bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        tooLarge(HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                        + "/api/v1/petitions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + submitter())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadNormally() throws Exception {
        byte[] bytes = "{\"channel\": \"MAIL\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://localhost:" + port + "/api/v1/petitions")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + submitter())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fields(response)).contains("channel", "divisionCode");
    }

    private static void tooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(413);
        assertThat(problem.get("detail").asString()).contains("1 MiB");
    }

    @Test
    void oddBodiesAreA400AndNeverA500() throws Exception {
        for (String body : List.of("", "null", "[]", "\"text\"", "42", "{\"petitioners\": \"x\"}",
                "{\"petitioners\": [null]}", "{\"groupSize\": 1.5}", "{\"groupSize\": 99999999999}",
                "{\"complainedAgainst\": {}}", "{\"receivedAt\": 12}", "{\"channel\": [\"VISIT\"]}")) {
            HttpResponse<String> response = postJson("/api/v1/petitions", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    @Test
    void textLimitsAFutureReceiptAndABadIdempotencyKeyAreListedTogether() throws Exception {
        String body = PetitionRegistrationTest.WAGE_PETITION
                .replace("包工头拖欠农民工工资", "欠".repeat(201))
                .replace("在东河村工地干活三个月，包工头一直拖欠工钱。", "欠".repeat(10_001))
                .replace("\"channel\": \"VISIT\"", "\"channel\": \"VISIT\", \"receivedAt\": \"2999-01-01T00:00:00+08:00\"");
        HttpResponse<String> response = postPetition(body, "has spaces in it");
        assertThat(fields(response)).containsExactlyInAnyOrder("subject", "content", "receivedAt", "Idempotency-Key");
    }

    @Test
    void aPetitionWithoutPetitionersIsRefusedUnlessItIsAnAccusation() throws Exception {
        String body = PetitionRegistrationTest.WAGE_PETITION.replaceAll("(?s)\"petitioners\": \\[.*\\]", "\"petitioners\": []");
        assertThat(body).contains("\"petitioners\": []");
        assertThat(fields(postJson("/api/v1/petitions", body))).containsExactly("petitioners");
    }

    @Test
    void shapeAndRuleProblemsOfTheBodyAndTheHeaderAreOneListWithTheirExactWording() throws Exception {
        // Shape (a missing subject, lengths, a channel not in the list, a petitioner that is no object) and rules
        // (the county's codes, the check character, the clock, the group size) are answered together.
        String body = """
                {"channel": "FAX", "receivedAt": "2999-01-01T00:00:00+08:00", "divisionCode": "990101009009",
                 "category": "NO_SUCH", "content": "%s", "groupSize": 2,
                 "petitioners": [{"name": "%s", "idNumber": "11010519491231002%s", "phone": "98765", "address": "%s"},
                                 null, {"name": " "}],
                 "complainedAgainst": {"department": "NOPE", "person": "%s", "township": "990101999"}}"""
                .formatted("欠".repeat(10_001), "李".repeat(51), "1", "路".repeat(201), "副".repeat(101));
        HttpResponse<String> response = postPetition(body, "has spaces in it");
        assertThat(fields(response)).hasSize(17);
        Map<String, String> messages = new HashMap<>();
        json(response.body()).get("errors").forEach(e -> messages.put(e.get("field").asString(), e.get("message").asString()));
        assertThat(messages).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("Idempotency-Key", "must be 1 to 100 visible ASCII characters (e.g. a UUID)"),
                Map.entry("channel", "must be one of [LETTER, VISIT, PHONE, ONLINE, HOTLINE_12345, EMAIL]"),
                Map.entry("receivedAt", "must not be in the future"),
                Map.entry("divisionCode", "is not a village or township of county 990101 (某县)"),
                Map.entry("category", "is not a known category code; leave it out to let routing suggest one"),
                Map.entry("subject", "is required (1 to 200 characters)"),
                Map.entry("content", "must be at most 10000 characters"),
                Map.entry("petitioners[0].name", "must be at most 50 characters"),
                Map.entry("petitioners[0].idNumber", "has a wrong check character (ISO 7064 MOD 11-2)"),
                Map.entry("petitioners[0].phone", "must be a mainland mobile number (11 digits starting "
                        + "13-19) or a landline with area code (e.g. 010-12345678)"),
                Map.entry("petitioners[0].address", "must be at most 200 characters"),
                Map.entry("petitioners[1]", "must be an object with at least a name"),
                Map.entry("petitioners[2].name", "is required"),
                Map.entry("groupSize", "must be at least 1 and at least the number of petitioners listed (3)"),
                Map.entry("complainedAgainst.department", "must be a department code of the county"),
                Map.entry("complainedAgainst.township", "must be a township code of the county (9 digits)"),
                Map.entry("complainedAgainst.person", "must be at most 100 characters")));
        assertThat(json(response.body()).get("detail").asString()).isEqualTo("17 fields are invalid; see errors");
        assertThat(response.body()).doesNotContain("11010519491231002", "98765", "李李", "FAX", "NO_SUCH", "NOPE");
    }
}

package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

class PetitionRegistrationTest extends IntakeIntegrationTest {

    static final String WAGE_PETITION = """
            {"channel": "VISIT", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
             "subject": "包工头拖欠农民工工资", "content": "在东河村工地干活三个月，包工头一直拖欠工钱。",
             "petitioners": [{"name": "张三", "idNumber": "11010519491231002X", "phone": "13800138000",
                              "address": "东河村3组"}]}""";

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void aValidPetitionIsRegisteredAndPublishedWithoutPersonalData() throws Exception {
        HttpResponse<String> response = postJson("/api/v1/petitions", WAGE_PETITION);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json(response.body());
        String petitionNo = body.get("petitionNo").asString();
        assertThat(petitionNo).matches("XF990101-\\d{8}-\\d{6}");
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/petitions/" + petitionNo);
        assertThat(body.get("status").asString()).isEqualTo("REGISTERED");
        assertThat(body.get("trackingCode").asString()).hasSize(12);
        assertThat(body.get("group").asBoolean()).isFalse();

        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RECEIVED))) {
            TopicReader.Read event = await().atMost(Duration.ofSeconds(20)).until(
                    () -> reader.poll(Duration.ofMillis(200)).stream().filter(r -> petitionNo.equals(r.key()))
                            .findFirst().orElse(null), r -> r != null);
            assertThat(event.headers()).containsEntry("ce_type", "petition.received.v1")
                    .containsEntry("ce_subject", petitionNo).containsEntry("ce_specversion", "1.0")
                    .containsEntry("ce_source", "/petition-bridge/intake-service")
                    .containsEntry("content-type", "application/json").containsKeys("ce_id", "ce_time");
            JsonNode data = json(event.body());
            assertThat(data.get("category").asString()).isEqualTo("WAGE_ARREARS");
            assertThat(data.get("petitionClass").asString()).isEqualTo("CLAIM");
            assertThat(data.get("petitioners").get(0).get("maskedName").asString()).isEqualTo("张*");
            assertThat(data.get("petitioners").get(0).get("pseudonym").asString()).hasSizeGreaterThan(40);
            String everything = event.body() + event.headers();
            assertThat(everything).doesNotContain("张三", "11010519491231002X", "13800138000", "东河村3组");
        }

        // The identity is stored, but only encrypted.
        String stored = jdbc.sql("select concat_ws('|', name_enc, id_number_enc, phone_enc, address_enc) from petitioner"
                + " where petition_no = ?").param(petitionNo).query(String.class).single();
        assertThat(stored).startsWith("demo-1:").doesNotContain("张三", "11010519491231002X", "13800138000");
        // The registration record has no personal data either.
        JsonNode record = json(get("/api/v1/petitions/" + petitionNo).body());
        assertThat(record.get("maskedNames").get(0).asString()).isEqualTo("张*");
        assertThat(record.toString()).doesNotContain("张三", "13800138000");
    }

    @Test
    void anUnknownPetitionIsA404ProblemDetail() throws Exception {
        HttpResponse<String> response = get("/api/v1/petitions/XF990101-20000101-999999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }
}

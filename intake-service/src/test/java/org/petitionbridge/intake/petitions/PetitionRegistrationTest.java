package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.testsupport.TopicReader;
import tools.jackson.databind.JsonNode;

class PetitionRegistrationTest extends IntakeIntegrationTest {

    static final String WAGE_PETITION = """
            {"channel": "VISIT", "divisionCode": "990101002001", "category": "WAGE_ARREARS",
             "subject": "包工头拖欠农民工工资", "content": "在东河村工地干活三个月，包工头一直拖欠工钱。",
             "petitioners": [{"name": "张三", "idNumber": "11010519491231002X", "phone": "13800138000",
                              "address": "东河村3组"}]}""";

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
        assertThat(stored).startsWith("test-1:").doesNotContain("张三", "11010519491231002X", "13800138000");
        // The registration record has no personal data either.
        JsonNode record = json(get("/api/v1/petitions/" + petitionNo).body());
        assertThat(record.get("maskedNames").get(0).asString()).isEqualTo("张*");
        assertThat(record.toString()).doesNotContain("张三", "13800138000");
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void everyChannelRegisters(Channel channel) throws Exception {
        Petitions.Person person = Petitions.person();
        JsonNode registered = register(Petitions.petition(channel.name(), "EDUCATION", "990101001001", person));
        JsonNode record = json(get("/api/v1/petitions/" + registered.get("petitionNo").asString()).body());
        assertThat(record.get("channel").asString()).isEqualTo(channel.name());
        assertThat(record.get("petitionClass").asString()).isEqualTo("CLAIM");
        assertThat(record.get("repeatOf").isNull()).isTrue();
    }

    @Test
    void fivePeopleOrMoreMakeAGroupPetitionAndAVisitNamesAtMostFiveRepresentatives() throws Exception {
        Petitions.Person[] five = {Petitions.person(), Petitions.person(), Petitions.person(), Petitions.person(),
                Petitions.person()};
        String visitByThirty = Petitions.petition("VISIT", "LAND_REQUISITION", "990101003001", five)
                .replace("\"channel\": \"VISIT\"", "\"channel\": \"VISIT\", \"groupSize\": 30");
        JsonNode group = register(visitByThirty);
        assertThat(group.get("group").asBoolean()).isTrue();
        JsonNode record = json(get("/api/v1/petitions/" + group.get("petitionNo").asString()).body());
        assertThat(record.get("groupSize").asInt()).isEqualTo(30);
        assertThat(record.get("maskedNames")).hasSize(5);

        // Without groupSize, the number of petitioners listed counts: five people are a group.
        assertThat(register(Petitions.petition("LETTER", "LAND_REQUISITION", "990101003001", Petitions.person(),
                Petitions.person(), Petitions.person(), Petitions.person(), Petitions.person()))
                .get("group").asBoolean()).isTrue();
        String four = Petitions.petition("LETTER", "LAND_REQUISITION", "990101003001", Petitions.person())
                .replace("\"channel\": \"LETTER\"", "\"channel\": \"LETTER\", \"groupSize\": 4");
        assertThat(register(four).get("group").asBoolean()).isFalse();
        // A letter may be signed by six people; a visit of six must send at most five representatives.
        Petitions.Person[] six = {Petitions.person(), Petitions.person(), Petitions.person(), Petitions.person(),
                Petitions.person(), Petitions.person()};
        assertThat(register(Petitions.petition("LETTER", "LAND_REQUISITION", "990101003001", six))
                .get("group").asBoolean()).isTrue();
        HttpResponse<String> visitOfSix = postJson("/api/v1/petitions",
                Petitions.petition("VISIT", "LAND_REQUISITION", "990101003001", six));
        assertThat(visitOfSix.statusCode()).isEqualTo(400);
        JsonNode error = json(visitOfSix.body()).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("petitioners");
        assertThat(error.get("message").asString()).contains("at most 5 representatives");
    }

    @Test
    void anAccusationMayBeAnonymousAndAnIdNumberWithALowerCaseXIsTheSamePerson() throws Exception {
        JsonNode anonymous = register("""
                {"channel": "LETTER", "divisionCode": "990101004", "category": "ACCUSATION", "subject": "村干部截留补偿款",
                 "content": "村干部截留征地补偿款。", "petitioners": [], "complainedAgainst": {"department": "T004", "person": "某村主任"}}""");
        JsonNode record = json(get("/api/v1/petitions/" + anonymous.get("petitionNo").asString()).body());
        assertThat(record.get("maskedNames")).isEmpty();
        assertThat(record.get("petitionClass").asString()).isEqualTo("ACCUSATION");
        assertThat(record.get("complainedAgainstDepartment").asString()).isEqualTo("T004");

        Petitions.Person upper = new Petitions.Person("王小二", "11010519491231002X", "010-62345678", "城关镇1号");
        Petitions.Person lower = new Petitions.Person("王小二", "11010519491231002x", "010-62345678", "城关镇1号");
        String first = register(Petitions.petition("PHONE", null, "990101001", upper)).get("petitionNo").asString();
        String second = register(Petitions.petition("EMAIL", null, "990101001", lower)).get("petitionNo").asString();
        assertThat(jdbc.sql("select count(distinct pseudonym) from petitioner where petition_no in (?, ?)")
                .params(first, second).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownPetitionIsA404ProblemDetail() throws Exception {
        HttpResponse<String> response = get("/api/v1/petitions/XF990101-20000101-999999");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }
}

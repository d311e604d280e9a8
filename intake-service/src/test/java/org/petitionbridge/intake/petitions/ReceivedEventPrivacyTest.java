package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * A consumer of petition.received.v1, as a department or an analyst would write one, sees no name, ID number,
 * phone or address of the petitioners, in values or headers, on any channel; neither does the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReceivedEventPrivacyTest extends IntakeIntegrationTest {

    @Test
    void noPersonalDataReachesTheTopicOrTheLog(CapturedOutput output) throws Exception {
        Map<String, List<Petitions.Person>> submitted = new java.util.LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            List<Petitions.Person> people = List.of(Petitions.person(), Petitions.person());
            String petitionNo = register(Petitions.petition(channel.name(), "SOCIAL_ASSISTANCE", "990101003002",
                    people.toArray(Petitions.Person[]::new))).get("petitionNo").asString();
            submitted.put(petitionNo, people);
        }
        Petitions.Person compound = new Petitions.Person("欧阳娜娜", Petitions.idNumber(9001).toLowerCase(),
                "0571-88886666", "北湖村渔港路7号");
        String compoundNo = register(Petitions.petition("VISIT", null, "990101005001", compound)).get("petitionNo").asString();
        submitted.put(compoundNo, List.of(compound));
        // Reads and a rejected submission leave log lines too: none may carry the data.
        getAs("XFJ", "/api/v1/petitions/" + compoundNo + "/petitioners?purpose=check");
        postJson("/api/v1/petitions", Petitions.petition("FAX", null, "990101005001", compound));

        List<String> personal = submitted.values().stream().flatMap(List::stream)
                .flatMap(p -> p.personalData().stream()).toList();
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RECEIVED))) {
            List<TopicReader.Read> events = await().atMost(Duration.ofSeconds(30)).until(
                    () -> reader.poll(Duration.ofMillis(200)).stream().filter(r -> submitted.containsKey(r.key())).toList(),
                    read -> read.stream().map(TopicReader.Read::key).collect(Collectors.toSet()).equals(submitted.keySet()));
            for (TopicReader.Read event : events) {
                String everything = event.body() + " " + event.headers();
                for (String value : personal) {
                    assertThat(everything).as("event of %s", event.key()).doesNotContain(value);
                }
                JsonNode data = json(event.body());
                List<Petitions.Person> people = submitted.get(event.key());
                assertThat(data.get("petitioners")).hasSize(people.size());
                Set<String> keys = new HashSet<>();
                data.get("petitioners").forEach(p -> p.propertyNames().forEach(keys::add));
                assertThat(keys).containsExactlyInAnyOrder("pseudonym", "maskedName");
                assertThat(event.headers().keySet()).allMatch(h -> h.startsWith("ce_") || h.equals("content-type")
                        || h.equals("traceparent"));
                // The trace context names the request's trace by random ids, nothing of the petition.
                assertThat(event.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
            }
            JsonNode compoundEvent = json(events.stream().filter(e -> e.key().equals(compoundNo)).findFirst()
                    .orElseThrow().body());
            assertThat(compoundEvent.get("petitioners").get(0).get("maskedName").asString()).isEqualTo("欧阳**");
        }
        String log = output.getAll();
        assertThat(log).contains(compoundNo);
        for (String value : Stream.concat(personal.stream(), Stream.of("娜娜")).toList()) {
            assertThat(log).doesNotContain(value);
        }
    }
}

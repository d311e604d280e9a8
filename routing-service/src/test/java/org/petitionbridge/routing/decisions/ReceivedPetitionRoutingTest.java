package org.petitionbridge.routing.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TopicWriter;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** petition.received.v1 in, one decision out, through the real broker and database. */
class ReceivedPetitionRoutingTest extends RoutingIntegrationTest {

    @Autowired
    DecisionService decisionService;

    @Test
    void routingAReceivedPetitionWritesItsFactsItsDecisionAndItsEventOnceEach() {
        String petitionNo = newPetitionNo();
        PetitionReceived petition = petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "欠薪", "欠薪", null);
        Map<String, Long> rows = rowsWritten(() -> decisionService.onReceived(new EventCodec.Received<>(
                CloudEvent.create("/test", PetitionReceived.TYPE, petitionNo, Instant.now()), petition)));

        // a petition routed at once never awaited triage: its row is not written again to say so
        assertThat(rows).containsExactlyInAnyOrderEntriesOf(
                Map.of("petition", 1L, "routing_decision", 1L, "outbox_event", 1L));
        assertThat(awaitRouted(petitionNo, "RULE").get("lead").asString()).isEqualTo("RSJ");
    }

    @Test
    void aReceivedPetitionIsRoutedOnceEvenWhenTheEventIsDeliveredTwice() {
        String petitionNo = newPetitionNo();
        PetitionReceived petition = petition(petitionNo, DONGHE_VILLAGE, "WAGE_ARREARS", "欠薪", "欠薪", null);
        CloudEvent event = publish(petition);
        // The same event again (same ce_id), as after a consumer restart before its offset was committed.
        publish(Topics.RECEIVED, event, petition);
        // The same petition under a new event id, as from a producer that published it twice.
        publish(petition);

        JsonNode routed = awaitRouted(petitionNo, "RULE");
        assertThat(routed.get("lead").asString()).isEqualTo("RSJ");
        assertThat(routed.get("coHandlers").get(0).asString()).isEqualTo("T002");
        assertThat(routed.get("ruleSetVersion").asInt()).isEqualTo(activeRuleSetVersion());
        assertThat(routed.get("explanation").asString()).contains("县人力资源和社会保障局主办");
        awaitConsumed(Topics.RECEIVED);

        // routing remembers a petition by its number: it records no event id for it
        assertThat(jdbc.sql("select count(*) from processed_event where event_id = ?").param(event.id())
                .query(Integer.class).single()).isZero();
        assertThat(decisionCount(petitionNo)).isEqualTo(1);
        assertThat(outputsAbout(petitionNo)).hasSize(1);
    }

    @Test
    void aPetitionNoRuleCanPlaceGoesToTriage() {
        String petitionNo = newPetitionNo();
        publish(petition(petitionNo, DONGHE_VILLAGE, null, "征地以后又要强拆", "征地以后又要强拆", null));
        JsonNode triaged = awaitTriage(petitionNo);
        assertThat(triaged.get("reason").asString()).contains("人工分办");
        assertThat(triaged.get("divisionCode").asString()).isEqualTo(DONGHE_VILLAGE);
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicIsCountedAndDoesNotBlockThePartition() {
        double before = deadLetters(Topics.RECEIVED);
        String poisonNo = newPetitionNo();
        CloudEvent poison = CloudEvent.create("/test", PetitionReceived.TYPE, poisonNo, Instant.now());
        TopicWriter.send(brokers, Topics.RECEIVED, poisonNo, poison.toHeaders(), "{not json");
        TopicWriter.send(brokers, Topics.RECEIVED, poisonNo, Map.of(), "no headers at all");
        String afterNo = newPetitionNo();
        publish(petition(afterNo, DONGHE_VILLAGE, "EDUCATION", "学校", "学校", null));

        String dlq = Topics.deadLetter(Topics.RECEIVED, "routing");
        awaitRouted(afterNo, "RULE");
        await().atMost(Duration.ofSeconds(30)).until(() -> outputsAbout(poisonNo).stream()
                .filter(r -> r.topic().equals(dlq)).count() == 2);
        // The dead letter keeps the original record and says why it failed.
        assertThat(outputsAbout(poisonNo)).allSatisfy(r -> {
            assertThat(r.headers()).containsKey("kafka_dlt-exception-fqcn");
            assertThat(r.headers()).containsEntry("kafka_dlt-original-topic", Topics.RECEIVED);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters(Topics.RECEIVED) == before + 2);
        assertThat(meters.find("petition.deadletters").tag("binding", "routingEvents-in-0")
                .tag("group", "routing").counter()).isNotNull();
        assertThat(decisionCount(poisonNo)).isZero();
    }
}

package org.petitionbridge.routing.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.EventCodec;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.routing.RoutingIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;
import tools.jackson.databind.JsonNode;

class ReceivedPetitionRoutingTest extends RoutingIntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    static String petitionNo() {
        return "XF990101-20261126-%06d".formatted(SEQUENCE.incrementAndGet());
    }

    private CloudEvent publish(String petitionNo, String category, String text) {
        PetitionReceived received = new PetitionReceived(petitionNo, "LETTER", Instant.now(), Instant.now(),
                "990101002001", category, null, text, text, 1, false,
                List.of(new PetitionReceived.Petitioner("pseudo", "王*")), null, null, null);
        CloudEvent event = CloudEvent.create("/test", PetitionReceived.TYPE, petitionNo, Instant.now());
        TopicWriter.send(brokers, Topics.RECEIVED, petitionNo, event.toHeaders(),
                new String(EventCodec.toJson(received), java.nio.charset.StandardCharsets.UTF_8));
        return event;
    }

    @Test
    void aReceivedPetitionIsRoutedOnceEvenWhenTheEventIsDeliveredTwice() {
        String petitionNo = petitionNo();
        CloudEvent event = publish(petitionNo, "WAGE_ARREARS", "欠薪");
        // The same event again (same ce_id), as after a consumer restart before its offset was committed.
        PetitionReceived again = new PetitionReceived(petitionNo, "LETTER", Instant.now(), Instant.now(),
                "990101002001", "WAGE_ARREARS", null, "欠薪", "欠薪", 1, false, List.of(), null, null, null);
        TopicWriter.send(brokers, Topics.RECEIVED, petitionNo, event.toHeaders(),
                new String(EventCodec.toJson(again), java.nio.charset.StandardCharsets.UTF_8));

        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.ROUTED))) {
            JsonNode routed = await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200))
                    .stream().filter(r -> petitionNo.equals(r.key())).map(r -> EventCodec.mapper().readTree(r.body()))
                    .findFirst().orElse(null), r -> r != null);
            assertThat(routed.get("lead").asString()).isEqualTo("RSJ");
            assertThat(routed.get("coHandlers").get(0).asString()).isEqualTo("T002");
            assertThat(routed.get("source").asString()).isEqualTo("RULE");
            assertThat(routed.get("ruleSetVersion").asInt()).isEqualTo(1);
            assertThat(routed.get("explanation").asString()).contains("县人力资源和社会保障局主办");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "select count(*) from processed_event where event_id = ?").param(event.id())
                .query(Integer.class).single() == 1 && jdbc.sql("select count(*) from outbox_event").query(Integer.class).single() == 0);
        assertThat(jdbc.sql("select count(*) from routing_decision where petition_no = ?").param(petitionNo)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aPetitionNoRuleCanPlaceGoesToTriage() {
        String petitionNo = petitionNo();
        publish(petitionNo, null, "征地以后又要强拆");
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.TRIAGE))) {
            JsonNode triaged = await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(200))
                    .stream().filter(r -> petitionNo.equals(r.key())).map(r -> EventCodec.mapper().readTree(r.body()))
                    .findFirst().orElse(null), r -> r != null);
            assertThat(triaged.get("reason").asString()).contains("人工分办");
            assertThat(triaged.get("divisionCode").asString()).isEqualTo("990101002001");
        }
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        String poisonNo = petitionNo();
        CloudEvent poison = CloudEvent.create("/test", PetitionReceived.TYPE, poisonNo, Instant.now());
        TopicWriter.send(brokers, Topics.RECEIVED, poisonNo, poison.toHeaders(), "{not json");
        TopicWriter.send(brokers, Topics.RECEIVED, poisonNo, Map.of(), "no headers at all");
        String afterNo = petitionNo();
        publish(afterNo, "EDUCATION", "学校");

        String dlq = Topics.deadLetter(Topics.RECEIVED, "routing");
        try (TopicReader reader = new TopicReader(brokers, List.of(dlq, Topics.ROUTED))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<TopicReader.Read> all = reader.poll(Duration.ofMillis(200));
                return all.stream().filter(r -> r.topic().equals(dlq) && poisonNo.equals(r.key())).count() == 2
                        && all.stream().anyMatch(r -> r.topic().equals(Topics.ROUTED) && afterNo.equals(r.key()));
            });
        }
    }
}

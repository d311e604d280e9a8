package org.petitionbridge.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CloudEvent;
import org.petitionbridge.events.Topics;
import org.petitionbridge.testsupport.TopicReader;
import org.petitionbridge.testsupport.TopicWriter;

/** Each of the four consumers sends an unreadable event to its dead-letter topic and carries on. */
class ConsumerDeadLetterTest extends NotifyIntegrationTest {

    @Test
    void anUnreadableEventOnEachTopicIsDeadLetteredAndTheNextOneIsStillConsumed() throws Exception {
        String poisonNo = newPetitionNo();
        List<String> topics = List.of(Topics.RECEIVED, Topics.ROUTED, Topics.STATUS, Topics.DEADLINE);
        List<String> types = List.of("petition.received.v1", "petition.routed.v1", "petition.status.v1",
                "petition.deadline.v1");
        for (int i = 0; i < topics.size(); i++) {
            CloudEvent poison = CloudEvent.create("/test", types.get(i), poisonNo, Instant.now());
            TopicWriter.send(brokers, topics.get(i), poisonNo, poison.toHeaders(), "{not json");
        }
        TopicWriter.send(brokers, Topics.STATUS, poisonNo, Map.of(), "no CloudEvents headers at all");
        String afterNo = newPetitionNo();
        publish(Events.deadline(afterNo, "DUE_SOON", "RSJ", List.of(), null));

        List<String> deadLetters = topics.stream().map(t -> Topics.deadLetter(t, "notify")).toList();
        try (TopicReader reader = new TopicReader(brokers, deadLetters)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                List<TopicReader.Read> all = reader.poll(Duration.ofMillis(200));
                return deadLetters.stream().allMatch(dlq -> all.stream()
                        .anyMatch(r -> r.topic().equals(dlq) && poisonNo.equals(r.key())))
                        && all.stream().filter(r -> r.topic().equals(Topics.deadLetter(Topics.STATUS, "notify"))
                                && poisonNo.equals(r.key())).count() == 2;
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !feed("RSJ", afterNo).isEmpty());
        assertThat(jdbc.sql("select count(*) from notify_case where petition_no = ?").param(poisonNo)
                .query(Integer.class).single()).isZero();
    }
}

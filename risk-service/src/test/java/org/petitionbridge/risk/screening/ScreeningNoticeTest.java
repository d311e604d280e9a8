package org.petitionbridge.risk.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.Topics;
import org.petitionbridge.risk.RiskIntegrationTest;
import org.petitionbridge.testsupport.TestHttp;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Reminders of a round and the overdue flags and cards of the ledger, each once, with a controllable clock, read
 * off the real broker as notify reads them.
 */
class ScreeningNoticeTest extends RiskIntegrationTest {

    @Autowired
    ScreeningScanner scanner;

    private List<JsonNode> events(String topic, String key, int atLeast) {
        try (TopicReader reader = new TopicReader(brokers, List.of(topic))) {
            return await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll(Duration.ofMillis(300)).stream()
                    .filter(r -> key.equals(r.key())).map(r -> TestHttp.json(r.body())).toList(),
                    e -> e.size() >= atLeast);
        }
    }

    @Test
    void theUnitsThatHaveNotReportedAreRemindedOnceAndTheBureauIsToldWhenTheRoundIsDue() {
        String round = json(post("XFJ", "/api/v1/screening/rounds", """
                {"name": "岁末年初专项排查", "kind": "SPECIAL", "dueBy": "%s", "units": ["T004", "JTJ"]}"""
                .formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7)))).get("id").asString();
        post("T004", "/api/v1/screening/rounds/" + round + "/reports", "{\"zeroReport\": true}");
        scanner.scan();
        clock.advance(Duration.ofDays(5).plusHours(1));
        scanner.scan();
        scanner.scan();
        clock.advance(Duration.ofDays(2));
        scanner.scan();
        List<JsonNode> events = events(Topics.RISK_SCREENING, round, 4);
        assertThat(events).extracting(e -> e.get("action").asString())
                .containsExactly("OPENED", "REPORTED", "REMINDER", "OVERDUE");
        assertThat(events.get(0).get("departments").valueStream().map(JsonNode::asString))
                .containsExactly("T004", "JTJ");
        assertThat(events.get(2).get("departments").valueStream().map(JsonNode::asString)).containsExactly("JTJ");
        assertThat(events.get(3).get("departments").isEmpty()).isTrue();
        assertThat(events.get(3).get("missing").valueStream().map(JsonNode::asString)).containsExactly("JTJ");
        assertThat(events).extracting(e -> e.get("sequence").asLong()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anOverdueIssueIsFlaggedThenCardedYellowAndRedEachOnce() {
        String round = json(post("XFJ", "/api/v1/screening/rounds", """
                {"name": "月度排查", "kind": "ROUTINE", "dueBy": "%s", "units": ["YJJ"]}"""
                .formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(20)))).get("id").asString();
        String dispute = json(post("YJJ", "/api/v1/screening/rounds/" + round + "/reports", """
                {"zeroReport": false, "items": [{"divisionCode": "990101006001", "category": "DISASTER_RELIEF",
                 "summary": "受灾户对救助款分配有异议", "peopleInvolved": 12, "riskLevel": "HIGH",
                 "leaderInCharge": "王副县长", "resolveBy": "%s"}]}"""
                .formatted(LocalDate.now(ZoneOffset.ofHours(8)).plusDays(1)))).get("items").get(0).get("id")
                .asString();
        clock.advance(Duration.ofDays(3)); // a day or two overdue
        scanner.scan();
        scanner.scan();
        clock.advance(Duration.ofDays(2)); // three or four days: yellow
        scanner.scan();
        clock.advance(Duration.ofDays(4)); // seven or eight days: red
        scanner.scan();
        JsonNode issue = json(get("YJJ", "/api/v1/disputes/" + dispute));
        assertThat(issue.get("history").valueStream().map(h -> h.get("action").asString()))
                .containsExactly("OVERDUE", "YELLOW_CARD", "RED_CARD");
        assertThat(issue.get("leaderUnit").asString()).isEqualTo("ZFB");
        List<JsonNode> events = events(Topics.RISK_DISPUTE, dispute, 4);
        assertThat(events).extracting(e -> e.get("action").asString())
                .containsExactly("REPORTED", "OVERDUE", "YELLOW_CARD", "RED_CARD");
        assertThat(events.get(3).get("daysOverdue").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(events.get(3).get("leaderUnit").asString()).isEqualTo("ZFB");
    }
}

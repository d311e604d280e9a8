package org.petitionbridge.ledger.clocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.Topics;
import org.petitionbridge.ledger.LedgerIntegrationTest;
import org.petitionbridge.testsupport.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** DUE_SOON, OVERDUE and ESCALATED are each published exactly once, with the clock moved, not waited for. */
class DeadlineScanTest extends LedgerIntegrationTest {

    @Autowired
    DeadlineScanner scanner;

    private List<JsonNode> deadlineEvents(String petitionNo) {
        // Wait until the outbox has published everything the scans raised, then read the topic.
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from outbox_event")
                .query(Integer.class).single() == 0);
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.DEADLINE))) {
            int expected = jdbc.sql("select count(*) from deadline_notice where petition_no = ?").param(petitionNo)
                    .query(Integer.class).single();
            return await().atMost(Duration.ofSeconds(20)).until(() -> reader.poll(Duration.ofMillis(200)).stream()
                    .filter(r -> petitionNo.equals(r.key())).map(r -> json(r.body())).toList(), l -> l.size() == expected);
        }
    }

    @Test
    void theAcknowledgementClockRaisesDueSoonOverdueAndEscalatedOnceEach() {
        String no = assignedCase();
        LocalDate due = LocalDate.parse(awaitStatus(no, "ASSIGNED").get("dueDates").get("acknowledge")
                .asString());
        LocalDate today = StatutoryClock.day(clock.instant());

        scanner.scan();
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(today, due) - 2));   // two days before the due date
        scanner.scan();
        scanner.scan();
        clock.advance(Duration.ofDays(3));                                          // the day after
        scanner.scan();
        scanner.scan();
        clock.advance(Duration.ofDays(3));                                          // four days overdue
        scanner.scan();
        scanner.scan();

        List<JsonNode> events = deadlineEvents(no);
        assertThat(events).extracting(e -> e.get("kind").asString()).containsExactly("DUE_SOON", "OVERDUE", "ESCALATED");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("clock").asString()).isEqualTo("ACKNOWLEDGE");
            assertThat(e.get("dueDate").asString()).isEqualTo(due.toString());
            assertThat(e.get("lead").asString()).isEqualTo("RSJ");
        });
        assertThat(events.get(1).get("daysOverdue").asInt()).isEqualTo(1);
        assertThat(events.get(2).get("daysOverdue").asInt()).isEqualTo(4);
    }

    @Test
    void anOldLetterIsClockedFromItsReceiptAndIsOverdueAtOnce() throws Exception {
        String no = newPetitionNo();
        Instant fortyDaysAgo = clock.instant().minus(Duration.ofDays(40));
        publish(received(no, fortyDaysAgo, null, null));
        JsonNode c = awaitStatus(no, "REGISTERED");
        assertThat(c.get("activeClock").asString()).isEqualTo("ASSIGN");
        assertThat(c.get("nextDue").asString()).isEqualTo(StatutoryClock.day(fortyDaysAgo).plusDays(15).toString());

        scanner.scan();
        assertThat(deadlineEvents(no)).extracting(e -> e.get("kind").asString())
                .containsExactlyInAnyOrder("OVERDUE", "ESCALATED");
        assertThat(listedAsOverdue(no)).isTrue();
    }

    private boolean listedAsOverdue(String no) throws Exception {
        JsonNode page = json(get("/api/v1/cases?overdue=true&size=1000").body());
        for (JsonNode item : page.get("items")) {
            if (no.equals(item.get("petitionNo").asString())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void workingDaysSkipWeekendsAndTheBureausHolidaysButCountItsMakeUpDays() throws Exception {
        // 2030-09-30 is a Monday. 10-01..10-07 are holidays; Sunday 10-13 is a make-up working day.
        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/calendar"))
                .header("Content-Type", "application/json").header("Authorization", bearer(BUREAU)).PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        [{"day": "2030-10-01", "kind": "HOLIDAY", "name": "国庆节"},
                         {"day": "2030-10-02", "kind": "HOLIDAY", "name": "国庆节"},
                         {"day": "2030-10-03", "kind": "HOLIDAY", "name": "国庆节"},
                         {"day": "2030-10-04", "kind": "HOLIDAY", "name": "国庆节"},
                         {"day": "2030-10-07", "kind": "HOLIDAY", "name": "国庆节"},
                         {"day": "2030-10-13", "kind": "WORKDAY", "name": "调休"}]""")).build();
        assertThat(HTTP.send(put, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        WorkingCalendar calendar = new WorkingCalendar(new CalendarRepository(jdbc));
        assertThat(calendar.addWorkingDays(LocalDate.parse("2030-09-30"), 1)).isEqualTo(LocalDate.parse("2030-10-08"));
        assertThat(calendar.addWorkingDays(LocalDate.parse("2030-09-30"), 5)).isEqualTo(LocalDate.parse("2030-10-13"));
        assertThat(calendar.addWorkingDays(LocalDate.parse("2030-10-11"), 1)).isEqualTo(LocalDate.parse("2030-10-13"));
        assertThat(calendar.addWorkingDays(LocalDate.parse("2030-10-18"), 1)).isEqualTo(LocalDate.parse("2030-10-21"));
        assertThat(json(get("/api/v1/calendar?year=2030").body())).hasSize(6);
    }
}

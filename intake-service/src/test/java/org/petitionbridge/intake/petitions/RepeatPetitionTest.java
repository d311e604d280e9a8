package org.petitionbridge.intake.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.CaseStatusChanged;
import org.petitionbridge.events.Topics;
import org.petitionbridge.intake.IntakeIntegrationTest;
import org.petitionbridge.intake.Petitions;
import org.petitionbridge.testsupport.TopicReader;
import tools.jackson.databind.JsonNode;

/**
 * Repeat petitions: the same petitioner (pseudonym), category and division within the window (365 days) points
 * to the earliest petition still open, or to the last one when all are closed; intake learns open or closed
 * from petition.status.v1.
 */
class RepeatPetitionTest extends IntakeIntegrationTest {

    private static final String VILLAGE = "990101002002";

    private String submit(String body) throws Exception {
        return register(body).get("petitionNo").asString();
    }

    private String repeatOf(String body) throws Exception {
        JsonNode answer = register(body);
        return answer.get("repeatOf").isNull() ? null : answer.get("repeatOf").asString();
    }

    private void statusBecomes(String petitionNo, String status) {
        publish(new CaseStatusChanged(petitionNo, status, "REPLIED", "CLOSE", "XFJ", "RSJ", List.of(), "WAGE_ARREARS",
                "CLAIM", VILLAGE, null, Instant.now(), null, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(jdbc.sql(
                "select status from case_status where petition_no = ?").param(petitionNo).query(String.class)
                .optional().orElse(null)));
    }

    private static String receivedDaysAgo(String body, int days) {
        return Petitions.with(body, "receivedAt", "\"" + OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(days)
                .truncatedTo(ChronoUnit.SECONDS) + "\"");
    }

    @Test
    void aRepeatPointsToTheEarliestOpenPetitionElseToTheLastOne() throws Exception {
        Petitions.Person person = Petitions.person();
        String wage = Petitions.petition("VISIT", "WAGE_ARREARS", VILLAGE, person);

        String first = submit(receivedDaysAgo(wage, 30));
        String second = submit(receivedDaysAgo(wage, 20));
        assertThat(jdbc.sql("select repeat_of from petition where petition_no = ?").param(second)
                .query(String.class).single()).isEqualTo(first);

        // The first is closed (销号): the earliest still open is the second.
        statusBecomes(first, "CLOSED");
        String third = submit(receivedDaysAgo(wage, 10));
        assertThat(jdbc.sql("select repeat_of from petition where petition_no = ?").param(third)
                .query(String.class).single()).isEqualTo(second);

        // All closed, each in another way: the repeat points to the last one.
        statusBecomes(second, "TERMINATED");
        statusBecomes(third, "NOT_ACCEPTED");
        String fourth = submit(receivedDaysAgo(wage, 5));
        assertThat(jdbc.sql("select repeat_of from petition where petition_no = ?").param(fourth)
                .query(String.class).single()).isEqualTo(third);

        // A closed petition that is opened again (复查) is open again.
        statusBecomes(fourth, "REDIRECTED");
        statusBecomes(second, "REVIEW_REQUESTED");
        assertThat(repeatOf(wage)).isEqualTo(second);

        // The received event carries the link, so routing and the ledger see it too.
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RECEIVED))) {
            JsonNode event = await().atMost(Duration.ofSeconds(20)).until(() -> reader.poll(Duration.ofMillis(200))
                    .stream().filter(r -> third.equals(r.key())).map(r -> json(r.body())).findFirst().orElse(null),
                    e -> e != null);
            assertThat(event.get("repeatOf").asString()).isEqualTo(second);
        }
    }

    @Test
    void anotherCategoryDivisionOrPersonIsNoRepeat() throws Exception {
        Petitions.Person person = Petitions.person();
        submit(Petitions.petition("LETTER", "WAGE_ARREARS", VILLAGE, person));

        assertThat(repeatOf(Petitions.petition("LETTER", "SOCIAL_ASSISTANCE", VILLAGE, person))).isNull();
        assertThat(repeatOf(Petitions.petition("LETTER", "WAGE_ARREARS", "990101002003", person))).isNull();
        assertThat(repeatOf(Petitions.petition("LETTER", "WAGE_ARREARS", VILLAGE, Petitions.person()))).isNull();
        // Without a category nothing is checked: the category is only suggested later, by routing.
        assertThat(repeatOf(Petitions.petition("LETTER", null, VILLAGE, person))).isNull();
        // One of several petitioners is enough.
        assertThat(repeatOf(Petitions.petition("LETTER", "WAGE_ARREARS", VILLAGE, Petitions.person(), person)))
                .isNotNull();
    }

    @Test
    void onlyPetitionsWithinTheWindowCount() throws Exception {
        Petitions.Person person = Petitions.person();
        String body = Petitions.petition("ONLINE", "NEIGHBOR_DISPUTE", VILLAGE, person);
        submit(receivedDaysAgo(body, 400));
        assertThat(repeatOf(body)).isNull();

        Petitions.Person other = Petitions.person();
        String otherBody = Petitions.petition("ONLINE", "NEIGHBOR_DISPUTE", VILLAGE, other);
        String within = submit(receivedDaysAgo(otherBody, 300));
        assertThat(repeatOf(otherBody)).isEqualTo(within);
    }

    @Test
    void anEarlierPetitionWithoutCategoryCountsWithTheCategoryOfItsCase() throws Exception {
        Petitions.Person person = Petitions.person();
        String earlier = submit(Petitions.petition("PHONE", null, VILLAGE, person));
        // the ledger's case carries the category routing suggested, once applied
        publish(new CaseStatusChanged(earlier, "ASSIGNED", "REGISTERED", "ROUTED", null, "STHJ", List.of(),
                "ENVIRONMENT", "CLAIM", VILLAGE, null, Instant.now(), Map.of(), null, Map.of(), List.of(), 2L));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from case_status where petition_no = ? and category = 'ENVIRONMENT'")
                .param(earlier).query(Integer.class).single() == 1);

        assertThat(repeatOf(Petitions.petition("PHONE", "ENVIRONMENT", VILLAGE, person))).isEqualTo(earlier);
    }
}

package org.petitionbridge.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.petitionbridge.events.PetitionReceived;
import org.petitionbridge.events.Topics;
import org.petitionbridge.testsupport.TopicReader;

/**
 * Canaries: petitions whose pseudonyms, masked names, subject and content are distinctive travel every path of
 * risk (a project's link, a group petition and a project warning, a repeat); then every row of every table of its
 * database and every record risk wrote are searched for them. None may be there.
 */
class NoPersonalDataTest extends RiskIntegrationTest {

    private static final List<String> CANARIES = List.of("pseudo-canary-欧阳", "欧*", "金桂巷拆迁款被挪用",
            "欧阳家的房子被强拆了");

    private static PetitionReceived canary(String petitionNo, int groupSize, String repeatOf) {
        Instant now = Instant.now();
        return new PetitionReceived(petitionNo, "VISIT", now, now, "990101003001", "LAND_REQUISITION", "CLAIM",
                "金桂巷拆迁款被挪用", "欧阳家的房子被强拆了", groupSize, groupSize >= 5,
                List.of(new PetitionReceived.Petitioner("pseudo-canary-欧阳" + petitionNo, "欧*")), repeatOf,
                new PetitionReceived.ComplainedAgainst("ZRZY", null), null);
    }

    @Test
    void noTableOfRisksDatabaseAndNoRecordItWroteHoldsAnythingThatIdentifiesAPersonOrTellsTheirStory() {
        String project = project("ZRZY", "[\"990101003\"]", "[\"LAND_REQUISITION\"]", 30);
        String first = newPetitionNo();
        String group = newPetitionNo();
        String repeat = newPetitionNo();
        publish(canary(first, 1, null));
        publish(canary(group, 7, null));
        publish(canary(repeat, 1, first));
        List.of(first, group, repeat).forEach(this::awaitFact);
        assertThat(warningsNaming("XFJ", "PROJECT", group)).hasSize(1);
        assertThat(warningsNaming("XFJ", "GROUP_PETITION", group)).hasSize(1);

        List<String> hits = new ArrayList<>();
        List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'"
                + " and table_type = 'BASE TABLE'").query(String.class).list();
        assertThat(tables).contains("petition_fact", "project_petition", "warning", "warning_petition", "outbox_event");
        int rows = 0;
        for (String table : tables) {
            for (String row : jdbc.sql("select t::text from \"" + table + "\" t").query(String.class).list()) {
                rows++;
                CANARIES.stream().filter(row::contains).forEach(c -> hits.add(table + ": " + c));
            }
        }
        assertThat(rows).isGreaterThan(10);
        try (TopicReader reader = new TopicReader(brokers, List.of(Topics.RISK_WARNING, Topics.RISK_PROJECT))) {
            List<TopicReader.Read> records = await().atMost(Duration.ofSeconds(30)).until(
                    () -> reader.poll(Duration.ofMillis(300)),
                    r -> r.stream().anyMatch(x -> x.body().contains(group)) && r.stream().anyMatch(x -> project.equals(x.key())));
            for (TopicReader.Read r : records) {
                CANARIES.stream().filter(c -> r.body().contains(c) || r.headers().toString().contains(c))
                        .forEach(c -> hits.add(r.topic() + ": " + c));
            }
        }
        assertThat(hits).as("places where canary personal data was found").isEmpty();
    }
}
